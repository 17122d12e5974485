import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseImportSources } from '@/lib/import/runImport';
import { scheduledImport } from '@/lib/import/scheduled';
import { isCronAuthorised } from '@/lib/server/revalidation/authorization';
import { importRefresh } from '@/lib/server/revalidation/importRefresh';
import { pathTag } from '@/lib/server/pageCache/pageTags.mjs';

/*
 * The scheduled import's parts that need no database: who may call the cron route, what
 * IMPORT_SOURCES names, and which pages an import refreshes. The route itself runs on a real
 * build in tests/vercelBuild.test.ts.
 */

afterEach(() => vi.unstubAllEnvs());

describe('who may run the scheduled import', () => {
  it('is whoever sends Authorization: Bearer $CRON_SECRET, as Vercel Cron does, and nobody else', () => {
    vi.stubEnv('CRON_SECRET', 's3cret-of-the-cron');
    expect(isCronAuthorised('Bearer s3cret-of-the-cron')).toBe(true);
    for (const header of [
      null,
      '',
      's3cret-of-the-cron',
      'Bearer s3cret-of-the-cro',
      'Bearer s3cret-of-the-cron ',
      'bearer s3cret-of-the-cron',
      'Basic s3cret-of-the-cron',
    ])
      expect(isCronAuthorised(header)).toBe(false);
  });

  it('is nobody when CRON_SECRET is not set, whatever is sent', () => {
    vi.stubEnv('CRON_SECRET', '');
    expect(isCronAuthorised('Bearer ')).toBe(false);
    expect(isCronAuthorised('Bearer undefined')).toBe(false);
  });
});

describe('IMPORT_SOURCES', () => {
  it('names URLs and paths separated by spaces, commas or lines, each with the folder its articles go to when NAME= comes first', () => {
    expect(parseImportSources(' https://example.org/feed.xml,desk=https://example.org/a/b.xml\n wire=/srv/upstream  ')).toEqual([
      { location: 'https://example.org/feed.xml' },
      { name: 'desk', location: 'https://example.org/a/b.xml' },
      { name: 'wire', location: '/srv/upstream' },
    ]);
    // A URL's own `=` (its query) is not a name.
    expect(parseImportSources('https://example.org/feed?format=rss')).toEqual([{ location: 'https://example.org/feed?format=rss' }]);
    expect(parseImportSources(undefined)).toEqual([]);
  });

  it('refuses to run without a source, and on Vercel without a store to write into, saying what to set', async () => {
    expect(await scheduledImport({ IMPORT_SOURCES: ' ' })).toEqual({ refused: expect.stringContaining('IMPORT_SOURCES') });
    vi.stubEnv('DATABASE_URL', '');
    expect(await scheduledImport({ IMPORT_SOURCES: 'https://example.org/feed.xml', VERCEL: '1' })).toEqual({
      refused: expect.stringContaining('DATABASE_URL'),
    });
  });
});

describe('what an import refreshes', () => {
  const article = { lang: 'en', slug: ['news', 'desk', '1'], categories: ['Harbour'], tags: ['Port news'], menu: false, newer: 'en/news/desk/2' };

  it('names each touched page by tag and by path: the article in every language, its image, neighbour, home, terms, and numbered lists by pattern', () => {
    const { tags, paths } = importRefresh([article], ['en', 'zh-CN']);
    expect(tags).toEqual(expect.arrayContaining([pathTag('/en/news/desk/1'), pathTag('/zh-CN/news/desk/1'), pathTag('/en/news/desk/2')]));
    const named = paths.map((entry) => (entry.type ? `${entry.type} ${entry.path}` : entry.path));
    expect(named).toEqual(
      expect.arrayContaining([
        '/en/news/desk/1',
        '/zh-CN/news/desk/1',
        '/og/en/news/desk/1',
        '/en/news/desk/2',
        '/en',
        '/en/categories',
        '/en/categories/harbour',
        '/en/tags/port-news',
        'page /[lang]/page/[page]',
        'page /sitemaps/[file]',
      ]),
    );
    // Another language's home and lists show nothing of it; without a menu entry, not every page is.
    expect(named).not.toContain('/zh-CN');
    expect(named).not.toContain('layout /[lang]');
  });

  it('refreshes every page of the languages for an article in a menu, and nothing when nothing changed', () => {
    expect(importRefresh([{ ...article, menu: true }], ['en']).paths).toContainEqual({ path: '/[lang]', type: 'layout' });
    expect(importRefresh([], ['en'])).toEqual({ tags: [], paths: [] });
  });
});
