import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogWriter } from '@/lib/store/sqlite/catalogWriter';
import { readChangesSince } from '@/lib/store/sqlite/changeLog';
import { initializeCatalog } from '@/lib/store/sqlite/database';
import { type SearchBatch, type SearchSink, SearchWriter } from '@/lib/store/sqlite/searchWriter';
import { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import { ArticleSearch } from '@/lib/search/articleSearch';
import { Fts5Index } from '@/lib/store/sqlite/fullText';
import { sqliteSearchCatalog } from '@/lib/store/sqlite/searchCatalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

/*
 * The catalog and its full-text index are two files written by two threads; whatever is killed
 * when, or fails, they must not part for good: every article the catalog publishes is found by
 * search once the server has started again.
 */

let content: TempContent;
const cleanup: (() => void)[] = [];
afterEach(() => {
  content?.remove();
  for (const step of cleanup.splice(0)) step();
}, 60_000);

const options = { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
const story = (i: number, word = `word${i}`) =>
  corpusShaped({ title: `"Story ${i}"`, date: `"2025-01-01 00:00:${String(i % 60).padStart(2, '0')}"` }, `The ${word} of the day.\n`);
const search = (db: Database.Database, searchDb: Database.Database, query: string) =>
  new ArticleSearch(new Fts5Index(searchDb, db), sqliteSearchCatalog(new ContentIndex(db))).search({
    query,
    lang: 'en',
    allLanguages: false,
    sort: 'date',
    page: 1,
    pageSize: 10,
  });

/** An index that loses what it is sent (a thread killed before its commit), or fails (a full disk). */
function lossyIndex(inner: SearchSink, mode: 'lose' | 'fail'): SearchSink & { broken: boolean } {
  const sink = {
    broken: true,
    write(batch: SearchBatch) {
      if (!sink.broken) return inner.write(batch);
      if (mode === 'fail') {
        failed = true;
        throw new Error('database or disk is full');
      }
    },
    progress: () => (sink.broken ? { committed: 0, failed } : inner.progress()),
    bulk: (on: boolean) => inner.bulk(on),
    drain: () => inner.drain(),
    within: (n: number) => inner.within(n),
    ids: () => inner.ids(),
    close: () => inner.close(),
  };
  let failed = false;
  return sink;
}

describe('the catalog and its full-text index', () => {
  it('re-index at start what the index never confirmed (a crash between the two commits)', async () => {
    content = new TempContent();
    for (let i = 0; i < 5; i++) content.write(`en/s${i}.md`, story(i));
    const db = new Database(':memory:');
    const searchDb = new Database(':memory:');
    initializeCatalog(db, searchDb, 'test');
    const index = new SearchWriter(searchDb);
    await new CatalogWriter(db, content.dir, options, index).reconcile();

    // The catalog commits an edit, a new article and a deletion; the index's thread dies before it commits them.
    content.write('en/s0.md', story(0, 'edited'));
    content.write('en/s9.md', story(9));
    rmSync(path.join(content.dir, 'en/s1.md'));
    new CatalogWriter(db, content.dir, options, lossyIndex(index, 'lose')).update(['en/s0.md', 'en/s9.md', 'en/s1.md']);
    expect((await search(db, searchDb, 'word9')).total).toBe(0);
    expect((await search(db, searchDb, 'word0')).total).toBe(1);

    // The next start.
    const restarted = new CatalogWriter(db, content.dir, options, index);
    // The three changes, and the first pass's articles whose confirmation no later update had recorded yet.
    expect(restarted.repairSearch()).toBe(6);
    expect((await search(db, searchDb, 'word9')).total).toBe(1);
    expect((await search(db, searchDb, 'edited')).total).toBe(1);
    expect((await search(db, searchDb, 'word0')).total).toBe(0);
    expect((await search(db, searchDb, 'word1')).total).toBe(0);
    // Confirmed, the record is let go, and the next start has nothing to do.
    restarted.update([]);
    expect(db.prepare('SELECT count(*) AS n FROM search_pending').get()).toEqual({ n: 0 });
    expect(new CatalogWriter(db, content.dir, options, index).repairSearch()).toBe(0);
  });

  it('catch up after an index update that failed (a full disk), and compare the two id by id', async () => {
    content = new TempContent();
    for (let i = 0; i < 3; i++) content.write(`en/s${i}.md`, story(i));
    const db = new Database(':memory:');
    const searchDb = new Database(':memory:');
    initializeCatalog(db, searchDb, 'test');
    const index = new SearchWriter(searchDb);
    const failing = lossyIndex(index, 'fail');
    const writer = new CatalogWriter(db, content.dir, options, failing);
    await writer.reconcile();
    expect(writer.searchBehind).toBe(true);
    expect(writer.takeSearchError()).toMatch(/disk is full/);
    expect((await search(db, searchDb, 'word2')).total).toBe(0);
    failing.broken = false;
    writer.repairSearch();
    expect(writer.searchBehind).toBe(false);
    expect((await search(db, searchDb, 'word2')).total).toBe(1);

    // An entry the catalog has no record of (a file copied in, a bug) is found by comparing ids.
    searchDb.prepare("INSERT INTO search (rowid, title, body, lang) VALUES (42, 'stray', 'stray', 'en')").run();
    searchDb.prepare('DELETE FROM search WHERE rowid = (SELECT max(rowid) FROM search)').run();
    expect(await writer.verifySearch()).toEqual({ missing: 1, extra: 1 });
    expect((await search(db, searchDb, 'stray')).total).toBe(0);
    for (let i = 0; i < 3; i++) expect((await search(db, searchDb, `word${i}`)).total, `word${i}`).toBe(1);
    expect(await writer.verifySearch()).toEqual({ missing: 0, extra: 0 });
  });

  it('log each change with the articles it touched, in the same transaction, numbered', async () => {
    content = new TempContent().write('en/a.md', story(1));
    const db = new Database(':memory:');
    const searchDb = new Database(':memory:');
    initializeCatalog(db, searchDb, 'test');
    const writer = new CatalogWriter(db, content.dir, options, new SearchWriter(searchDb));
    await writer.reconcile();
    const first = readChangesSince(db, 0)!;
    expect(first).toEqual([{ seq: 1, touched: [expect.objectContaining({ lang: 'en', slug: ['a'] })] }]);
    content.write('en/b.md', story(2));
    const set = writer.update(['en/b.md']);
    expect(set.seq).toBe(2);
    expect(readChangesSince(db, 1)).toEqual([{ seq: 2, touched: [expect.objectContaining({ slug: ['b'], older: 'en/a' })] }]);
    expect(readChangesSince(db, 2)).toEqual([]);
    // An update that changes nothing is not numbered.
    expect(writer.update(['en/nothing-here.md']).seq).toBeUndefined();
    expect(readChangesSince(db, 2)).toEqual([]);
  });
});

/** The catalog's writer as a server runs it, in a process of its own: the worker thread, parse threads and search thread. */
function startCatalogProcess(contentDir: string, cacheDir: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/catalogProcess.ts'], {
    env: { ...process.env, CONTENT_DIR: contentDir, BROADSHEET_CACHE_DIR: cacheDir, BROADSHEET_WATCH: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanup.push(() => child.kill('SIGKILL'));
  return child;
}

function untilLog(child: ChildProcess, pattern: RegExp): Promise<string> {
  let log = '';
  return new Promise((resolve, reject) => {
    const check = (chunk: Buffer) => {
      log += chunk;
      if (pattern.test(log)) resolve(log);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}:\n${log}`)));
  });
}

describe('a catalog writer killed with -9 mid-pass', () => {
  it('leaves every article found by search after the restart', async () => {
    content = new TempContent();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-cache-'));
    cleanup.push(() => rmSync(cacheDir, { recursive: true, force: true }));
    for (let i = 0; i < 200; i++) content.write(`en/old/s${i}.md`, story(i));
    const first = startCatalogProcess(content.dir, cacheDir);
    await untilLog(first, /\[content\] 200 articles from/);
    first.kill('SIGKILL');

    // A restart's pass over many new files (not a first pass: that one is rebuilt whole after a crash).
    const count = 2_500;
    for (let i = 200; i < count; i++) content.write(`en/new/s${i}.md`, story(i));
    const second = startCatalogProcess(content.dir, cacheDir);
    await untilLog(second, /\[progress\] [1-9]\d* batch/);
    second.kill('SIGKILL');
    await new Promise((resolve) => second.once('exit', resolve));

    const third = startCatalogProcess(content.dir, cacheDir);
    await untilLog(third, new RegExp(`\\[content\\] ${count} articles from`));
    third.kill('SIGKILL');

    const catalogFile = path.join(
      cacheDir,
      (await import('node:fs')).readdirSync(cacheDir).find((name) => /^catalog-[^-]+\.sqlite$/.test(name))!,
    );
    const db = new Database(catalogFile, { readonly: true });
    const searchDb = new Database(catalogFile.replace(/\.sqlite$/, '-search.sqlite'), { readonly: true });
    cleanup.unshift(() => {
      db.close();
      searchDb.close();
    });
    expect(db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: count });
    const words = Array.from({ length: count }, (_, i) => i);
    const notFound: number[] = [];
    for (const i of words) if ((await search(db, searchDb, `word${i}`)).total !== 1) notFound.push(i);
    expect(notFound).toEqual([]);
    // Three starts of a process that spawns five threads through tsx: slow on a loaded machine, so a generous bound.
  }, 600_000);
});
