import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRoute, type RouteContext } from '@/lib/routing/routeMatch';
import { loadCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

const article = (tags: string) => corpusShaped({ categories: '["Dow Jones Newswires"]', tags });
let content: TempContent;
let context: RouteContext;

beforeAll(async () => {
  content = new TempContent();
  // 25 English articles: three pages at the default page size of 10.
  for (let i = 0; i < 25; i++) content.write(`en/news/src/id${i}.md`, article('["美股"]'));
  content.write('zh-CN/news/qq/20250212A06YSW.zh-CN.md', article('["美股"]'));
  const { reader } = await loadCatalog(content.dir, { languages: ['en', 'zh-CN'] });
  context = { store: reader, languageCodes: ['en', 'zh-CN'], defaultLanguage: 'en', passThrough: new Set(['images', 'favicon.svg']) };
});
afterAll(() => content.remove());

const kind = (path: string) => matchRoute(path, context);

describe('matchRoute', () => {
  it('passes paths that are not pages', async () => {
    expect(await kind('/')).toEqual({ kind: 'pass' });
    expect(await kind('/images/a.png')).toEqual({ kind: 'pass' });
  });

  it('finds homes, list pages, articles, terms and indexes', async () => {
    for (const path of [
      '/en',
      '/en/page/3',
      '/en/news/src/id4',
      '/zh-CN/news/qq/20250212A06YSW',
      '/en/categories',
      '/en/tags',
      '/en/categories/dow-jones-newswires',
      '/en/tags/%E7%BE%8E%E8%82%A1',
      '/en/tags/美股/page/3',
      '/zh-CN/corrections',
    ]) {
      expect(await kind(path), path).toEqual({ kind: 'page', lang: path.split('/')[1] });
    }
    expect(await kind('/zh-CN/search')).toEqual({ kind: 'search', lang: 'zh-CN' });
  });

  it('answers 404 in the language of the path for what does not exist', async () => {
    for (const path of [
      '/en/page/4',
      '/en/page/0',
      '/en/page/x',
      '/en/page/2/more',
      '/en/news/src/nope',
      '/en/tags/nope',
      '/en/tags/美股/page/4',
      '/en/tags/美股/extra',
      '/en/categories/a/b/c/d',
      '/en/404',
      '/en/search/x',
      '/en/corrections/x',
    ]) {
      expect(await kind(path), path).toEqual({ kind: 'not-found', lang: path.split('/')[1] });
    }
  });

  it('answers 404 for traversal, encoded slashes and broken encodings', async () => {
    for (const path of ['/en/..%2F..%2Fetc%2Fpasswd', '/en/news/%2e%2e/x', '/en/%FF', '/en/news%5Csrc']) {
      expect(await kind(path), path).toEqual({ kind: 'not-found', lang: 'en' });
    }
  });

  it("redirects every URL of the Hugo site, and slash-ended ones, to today's", async () => {
    const table: [string, string][] = [
      ['/news/src/id4/', '/en/news/src/id4'],
      ['/news/src/ID4/', '/en/news/src/id4'],
      ['/zh-cn/news/qq/20250212a06ysw.zh-cn/', '/zh-CN/news/qq/20250212A06YSW'],
      ['/zh-CN/news/qq/20250212a06ysw', '/zh-CN/news/qq/20250212A06YSW'],
      ['/zh-cn/', '/zh-CN'],
      ['/page/2/', '/en/page/2'],
      ['/zh-cn/page/1/', '/zh-CN'],
      ['/categories/', '/en/categories'],
      ['/categories/dow-jones-newswires/', '/en/categories/dow-jones-newswires'],
      ['/tags/%E7%BE%8E%E8%82%A1/page/2/', '/en/tags/%E7%BE%8E%E8%82%A1/page/2'],
      ['/zh-cn/tags/%E7%BE%8E%E8%82%A1/', '/zh-CN/tags/%E7%BE%8E%E8%82%A1'],
      ['/index.xml', '/en/index.xml'],
      ['/zh-cn/index.xml', '/zh-CN/index.xml'],
      ['/tags/%E7%BE%8E%E8%82%A1/index.xml', '/en/tags/%E7%BE%8E%E8%82%A1/index.xml'],
      ['/en/news/src/id4/', '/en/news/src/id4'],
      ['/en/', '/en'],
    ];
    for (const [old, now] of table) expect(await kind(old), old).toEqual({ kind: 'redirect', location: now });
  });

  it('serves feeds of homes and terms', async () => {
    for (const path of ['/en/index.xml', '/en/atom.xml', '/zh-CN/feed.json', '/en/tags/美股/index.xml', '/en/categories/dow-jones-newswires/feed.json']) {
      expect(await kind(path), path).toEqual({ kind: 'page', lang: path.split('/')[1] });
    }
    expect(await kind('/en/tags/nope/index.xml')).toEqual({ kind: 'not-found', lang: 'en' });
  });

  it('answers 404 in the default language for unknown languages and paths', async () => {
    expect(await kind('/fr/news/x')).toEqual({ kind: 'not-found', lang: 'en' });
    expect(await kind('/wp-admin')).toEqual({ kind: 'not-found', lang: 'en' });
  });
});

describe('matchRoute for articles that left', () => {
  it('answers gone for a URL taken down, and redirects an old one to where its article is now', async () => {
    const folder = new TempContent()
      .write('en/news/kept.md', corpusShaped({ title: '"Kept"', aliases: '["/en/news/kept-before"]' }))
      .write('en/news/removed.md', corpusShaped({ title: '"Removed"' }));
    try {
      const catalog = await loadCatalog(folder.dir);
      rmSync(path.join(folder.dir, 'en/news/removed.md'));
      catalog.writer.update(['en/news/removed.md']);
      const here = { store: catalog.reader, languageCodes: ['en'], defaultLanguage: 'en', passThrough: new Set<string>() };
      expect(await matchRoute('/en/news/removed', here)).toEqual({ kind: 'gone', lang: 'en' });
      expect(await matchRoute('/en/news/kept-before', here)).toEqual({ kind: 'redirect', location: '/en/news/kept' });
      expect(await matchRoute('/en/news/kept', here)).toEqual({ kind: 'page', lang: 'en' });
      expect(await matchRoute('/en/news/never', here)).toEqual({ kind: 'not-found', lang: 'en' });
    } finally {
      folder.remove();
    }
  });
});
