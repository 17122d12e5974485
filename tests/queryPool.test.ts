import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogWriter } from '@/lib/store/sqlite/catalogWriter';
import { SEARCH_NICE } from '@/lib/store/ingest/threadPriority';
import { openCatalog, searchFileOf } from '@/lib/store/sqlite/database';
import { SearchWriter } from '@/lib/store/sqlite/searchWriter';
import { isSearchBusy, QueryPool, SearchBusy } from '@/lib/store/sqlite/queryPool';
import { corpusShaped, TempContent } from './helpers/tempContent';

/** A thread's nice value, from its /proc stat file. */
const niceOf = (stat: string) => Number(readFileSync(stat, 'utf8').split(') ')[1]?.split(' ')[16]);

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
    pool = new QueryPool({ file, searchFile: searchFileOf(file), typographer: true }, 1, 1);
  });
  afterAll(() => content.remove());

  it('searches on its own thread, as the site searches', async () => {
    const response = await pool.search(request('cranes'));
    expect(response.total).toBe(40);
    expect(response.results[0]?.snippet.some((segment) => segment.match)).toBe(true);
    expect((await pool.suggest('harbour', 'en', 3)).result).toHaveLength(3);
  });

  it.runIf(process.platform === 'linux' && niceOf('/proc/thread-self/stat') < SEARCH_NICE)(
    "runs searches at a lower priority than the server's own thread",
    async () => {
      await pool.search(request('cranes'));
      const own = niceOf('/proc/thread-self/stat');
      const threads = readdirSync('/proc/self/task').map((tid) => niceOf(`/proc/self/task/${tid}/stat`));
      // The pool's one search thread, below this one; every other thread keeps its priority.
      expect(threads.filter((nice) => nice === own + SEARCH_NICE)).toHaveLength(1);
      expect(threads.filter((nice) => nice !== own && nice !== own + SEARCH_NICE)).toEqual([]);
    },
  );

  it('runs one and keeps one waiting; the rest are refused at once, not queued', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => pool.search(request('tides'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const outcome of refused) expect(isSearchBusy(outcome.reason)).toBe(true);
    expect(isSearchBusy(new Error('other'))).toBe(false);
  });

  it("holds a page's place from admission until it is released; the next waits in line, the rest are refused", async () => {
    const first = await pool.admit();
    expect(first).toBeDefined();
    let second: string | undefined;
    const inLine = pool.admit().then((ticket) => (second = ticket));
    // The line (of one) is full: refused at once, with or without a ticket of its own.
    expect(await pool.admit()).toBeUndefined();
    await expect(pool.search(request('tides'))).rejects.toBeInstanceOf(SearchBusy);
    // The page searches in its place, which stays its own while the page is sent.
    await expect(pool.search(request('tides'), first)).resolves.toMatchObject({ total: 40 });
    expect(second).toBeUndefined();
    expect(await pool.admit()).toBeUndefined();
    // A place is good for one search.
    await expect(pool.search(request('tides'), first)).rejects.toBeInstanceOf(SearchBusy);
    pool.release(first);
    await inLine;
    expect(second).toBeDefined();
    await expect(pool.search(request('tides'), second)).resolves.toMatchObject({ total: 40 });
    pool.release(second);
    pool.release(second);
    const again = await pool.admit();
    expect(again).toBeDefined();
    pool.release(again);
  });

  it('answers a query with no terms at once, with nothing, taking no place and no thread', async () => {
    // The place and the line taken.
    const held = await pool.admit();
    const waiting = pool.admit();
    expect(await pool.admit()).toBeUndefined();
    // Spaces, punctuation, and a word past the length a query is read to: nothing to search for.
    for (const query of ['', '   ', '!!! ... ???', `${' '.repeat(200)}a`, `${'-'.repeat(199)} harbour`]) {
      await expect(pool.search(request(query)), JSON.stringify(query)).resolves.toEqual({ terms: [], total: 0, page: 1, totalPages: 1, results: [] });
      await expect(pool.suggest(query, 'en', 3), JSON.stringify(query)).resolves.toEqual({ result: [], ms: 0 });
    }
    pool.release(held);
    pool.release(await waiting);
  });
});

describe("the search pool's places, in time", () => {
  let content: TempContent;
  let pool: QueryPool;
  beforeAll(async () => {
    content = new TempContent().write('en/news/one.md', corpusShaped({ title: '"Harbour report"' }, 'Cranes.\n'));
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const file = path.join(content.dir, '.cache', 'catalog.sqlite');
    const opened = openCatalog(identity, file);
    await new CatalogWriter(opened.db, content.dir, identity, new SearchWriter(new Database(searchFileOf(file)))).reconcile();
    pool = new QueryPool({ file, searchFile: searchFileOf(file), typographer: true }, 1, 2);
  });
  afterAll(() => {
    vi.useRealTimers();
    content.remove();
  });

  it('frees a place its page never gave back, and refuses a search that waited in line too long', async () => {
    vi.useFakeTimers();
    const lost = await pool.admit();
    expect(lost).toBeDefined();
    await vi.advanceTimersByTimeAsync(2000);
    let next: string | undefined;
    const second = pool.admit().then((ticket) => (next = ticket));
    const third = pool.admit();
    // Five seconds after it was taken, the lost place is freed; the next in line has it after a
    // rest as long as the lost one held it, at most a second.
    await vi.advanceTimersByTimeAsync(3000);
    await vi.advanceTimersByTimeAsync(999);
    expect(next).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(next).toBeDefined();
    // The one behind it waits five seconds in line, then is refused.
    await vi.advanceTimersByTimeAsync(1000);
    expect(await third).toBeUndefined();
    pool.release(next);
    const again = await pool.admit();
    expect(again).toBeDefined();
    pool.release(again);
  });
});
