import { afterEach, describe, expect, it } from 'vitest';
import { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import type { CatalogReader } from '@/lib/store';
import { sitemapEntries, sitemapPartCount, sitemapParts } from '@/lib/rendering/sitemap/sitemap';
import { loadCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent | undefined;
afterEach(() => content?.remove());

/** The index, with every method it is asked recorded by name. */
function recorded(index: CatalogReader): { index: CatalogReader; asked: string[] } {
  const asked: string[] = [];
  const proxy = new Proxy(index, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        asked.push(String(name));
        return value.apply(target, args);
      };
    },
  });
  return { index: proxy, asked };
}

describe('the sitemap files', () => {
  it('are counted from the catalog’s counts; a part past the end is known before anything is read', async () => {
    content = new TempContent()
      .write(
        'en/news/a.en.md',
        corpusShaped({ title: '"A"', date: '"2025-02-08 03:17:28"', corrections: '\n  - date: "2025-02-10 08:00:00"\n    text: "Fixed."' }),
      )
      .write('en/news/b.en.md', corpusShaped({ title: '"B"', date: '"2025-02-09 03:17:28"', tags: '\n  - "rates"' }));
    const catalog = await loadCatalog(content.dir);
    expect(await sitemapPartCount(catalog.reader, 'en')).toBe(1);
    expect(await sitemapParts(catalog.reader, 'en')).toHaveLength(1);
    // Home, corrections, two taxonomy indexes, three terms (markets twice, rates), the authors' index, two articles.
    expect((await sitemapEntries(catalog.reader, 'en', 1))?.map((entry) => entry.path)).toEqual([
      '/en',
      '/en/corrections',
      '/en/categories',
      '/en/categories/markets',
      '/en/tags',
      '/en/tags/markets',
      '/en/tags/rates',
      '/en/authors',
      '/en/news/b',
      '/en/news/a',
    ]);
    // The corrections page last changed with its newest correction (the test catalog reads dates in UTC).
    const corrections = (await sitemapEntries(catalog.reader, 'en', 1))?.find((entry) => entry.path === '/en/corrections');
    expect(corrections?.lastmod).toBe(Date.parse('2025-02-10T08:00:00Z'));
    for (const part of [2, 99_999]) {
      const { index, asked } = recorded(catalog.reader);
      expect(await sitemapEntries(index, 'en', part)).toBeUndefined();
      // Counts only: no terms, no articles, no offset stepped through.
      expect(asked.filter((name) => !['count', 'termCount', 'authorCount'].includes(name))).toEqual([]);
    }
  });

  it('of a language without articles is its first part, with its home, and no other', async () => {
    content = new TempContent().write('en/news/a.en.md', corpusShaped());
    const catalog = await loadCatalog(content.dir);
    expect((await sitemapEntries(catalog.reader, 'zh-HK', 1))?.map((entry) => entry.path)).toEqual([
      '/zh-HK',
      '/zh-HK/corrections',
      '/zh-HK/categories',
      '/zh-HK/tags',
      '/zh-HK/authors',
    ]);
    expect(await sitemapEntries(catalog.reader, 'zh-HK', 2)).toBeUndefined();
  });

  it('ask the catalog for no rows past the end of a list: no OFFSET is run there', async () => {
    content = new TempContent().write('en/news/a.en.md', corpusShaped());
    const catalog = await loadCatalog(content.dir);
    // The catalog's statements, with those that skip rows (OFFSET) recorded when run.
    const offsets: unknown[][] = [];
    const db = new Proxy(catalog.db, {
      get(target, name) {
        if (name !== 'prepare') return Reflect.get(target, name, target);
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!/OFFSET/.test(sql)) return statement;
          return new Proxy(statement, {
            get: (inner, key) => (key === 'all' ? (...args: unknown[]) => (offsets.push(args), inner.all(...args)) : Reflect.get(inner, key, inner)),
          });
        };
      },
    });
    const index = new ContentIndex(db);
    expect(index.articleStubs('en', 0, 5)).toHaveLength(1);
    expect(offsets).toHaveLength(1);
    expect(index.articleStubs('en', 1, 5)).toEqual([]);
    expect(index.articleStubs('en', 4_000_000_000, 5)).toEqual([]);
    expect(offsets).toHaveLength(1);
  });
});
