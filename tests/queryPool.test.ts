import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogWriter } from '@/lib/catalog/catalogWriter';
import { openCatalog, searchFileOf } from '@/lib/catalog/database';
import { SearchWriter } from '@/lib/catalog/searchWriter';
import { isSearchBusy, QueryPool, SearchBusy } from '@/lib/search/queryPool';
import { corpusShaped, TempContent } from './helpers/tempContent';

const request = (query: string) => ({ query, lang: 'en', allLanguages: false, sort: 'relevance' as const, page: 1, pageSize: 10 });

describe('the search pool', () => {
  let content: TempContent;
  let pool: QueryPool;
  beforeAll(async () => {
    content = new TempContent();
    for (let i = 0; i < 40; i++)
      content.write(
        `en/news/item-${i}.md`,
        corpusShaped({ title: `"Harbour report ${i}"`, date: `"2025-01-${String(1 + (i % 28)).padStart(2, '0')}"` }, `Cranes and tides, part ${i}.\n`),
      );
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const file = path.join(content.dir, '.cache', 'catalog.sqlite');
    const opened = openCatalog(identity, file);
    await new CatalogWriter(opened.db, content.dir, identity, new SearchWriter(new Database(searchFileOf(file)))).reconcile();
    pool = new QueryPool({ file, searchFile: searchFileOf(file), dir: content.dir, typographer: true }, 1, 1);
  });
  afterAll(() => content.remove());

  it('searches on its own thread, as the site searches', async () => {
    const response = await pool.search(request('cranes'));
    expect(response.total).toBe(40);
    expect(response.results[0]?.snippet.some((segment) => segment.match)).toBe(true);
    expect((await pool.suggest('harbour', 'en', 3)).result).toHaveLength(3);
  });

  it('runs one and keeps one waiting; the rest are refused at once, not queued', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => pool.search(request('tides'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const outcome of refused) expect(isSearchBusy(outcome.reason)).toBe(true);
    expect(isSearchBusy(new Error('other'))).toBe(false);
  });

  it('keeps a reserved place for the page that holds the ticket, and no more places than it has', async () => {
    const first = pool.reserve();
    const second = pool.reserve();
    expect([first, second].every(Boolean)).toBe(true);
    expect(pool.reserve()).toBeUndefined();
    // Without a ticket there is no place; with one, there is.
    await expect(pool.search(request('tides'))).rejects.toBeInstanceOf(SearchBusy);
    await expect(pool.search(request('tides'), first)).resolves.toMatchObject({ total: 40 });
    await expect(pool.search(request('tides'), second)).resolves.toMatchObject({ total: 40 });
    // A ticket is good once.
    await Promise.all([pool.search(request('tides')), pool.search(request('tides'))]);
    expect(pool.reserve()).toBeDefined();
  });

  it('answers a query with no terms at once, with nothing, taking no place and no thread', async () => {
    // Every place taken (earlier tests may still hold one).
    const held: string[] = [];
    for (let ticket = pool.reserve(); ticket; ticket = pool.reserve()) held.push(ticket);
    expect(held.length).toBeGreaterThan(0);
    // Spaces, punctuation, and a word past the length a query is read to: nothing to search for.
    for (const query of ['', '   ', '!!! ... ???', `${' '.repeat(200)}a`, `${'-'.repeat(199)} harbour`]) {
      await expect(pool.search(request(query)), JSON.stringify(query)).resolves.toEqual({ terms: [], total: 0, page: 1, totalPages: 1, results: [] });
      await expect(pool.suggest(query, 'en', 3), JSON.stringify(query)).resolves.toEqual({ result: [], ms: 0 });
    }
    // A place reserved for such a query is given back.
    await pool.search(request('!!!'), held.pop());
    const freed = pool.reserve();
    expect(freed).toBeDefined();
    expect(pool.reserve()).toBeUndefined();
    await Promise.all([freed, ...held].map((ticket) => pool.search(request('tides'), ticket)));
  });
});
