import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, initializeCatalog, searchFileOf } from '@/lib/store/sqlite/database';
import { type SearchBatch, SearchWriter, ThreadedSearchWriter } from '@/lib/store/sqlite/searchWriter';

/*
 * The full-text index's writer as the server's readers see it: through a connection of their
 * own. During a full pass, batches share transactions (fewer, larger FTS5 segments); what a
 * reader must still be able to count on is that nothing waits long, and that "drained" means
 * committed.
 */

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function searchFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'search-writer-'));
  folders.push(folder);
  const file = path.join(folder, 'catalog.sqlite');
  const db = new Database(file);
  const searchDb = new Database(searchFileOf(file));
  configure(db, 4);
  configure(searchDb, 4);
  initializeCatalog(db, searchDb, 'test');
  db.close();
  searchDb.close();
  return searchFileOf(file);
}

const batch = (from: number, count: number): SearchBatch => ({
  seq: from,
  deletes: [],
  inserts: Array.from({ length: count }, (_, i) => [from + i, `title${from + i}`, 'common words', 'len'] as [number, string, string, string]),
});

function reader(file: string) {
  const db = new Database(file, { readonly: true });
  const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM search WHERE search MATCH 'common'");
  return { count: () => count.get()?.n ?? 0, hashSize: () => db.prepare("SELECT v FROM search_config WHERE k = 'hashsize'").pluck().get() };
}

describe('the search writer', () => {
  it('commits each batch at once outside a full pass', () => {
    const file = searchFile();
    const writer = new SearchWriter(new Database(file));
    const seen = reader(file);
    writer.write(batch(1, 3));
    expect(seen.count()).toBe(3);
  });

  it('during a full pass, lets batches share a transaction, committed when drained, when large, or soon after the last one', async () => {
    const file = searchFile();
    const writer = new SearchWriter(new Database(file));
    const seen = reader(file);
    writer.bulk(true);
    expect(seen.hashSize()).toBe(32 * 1024 * 1024);
    writer.write(batch(1, 10));
    writer.write(batch(11, 10));
    expect(writer.pending).toBe(true);
    expect(seen.count()).toBe(0);
    await writer.drain();
    expect(seen.count()).toBe(20);

    // A large shared transaction is committed without waiting.
    writer.write(batch(100, 6_000));
    expect(seen.count()).toBe(6_020);

    // A lone batch (a watched change during a pass) is committed by the idle timer, whenever a busy machine runs it.
    writer.write(batch(10_000, 1));
    expect(seen.count()).toBe(6_020);
    await vi.waitFor(() => expect(seen.count()).toBe(6_021), { timeout: 60_000, interval: 50 });

    writer.write(batch(20_000, 1));
    writer.bulk(false);
    expect(seen.count()).toBe(6_022);
    expect(seen.hashSize()).toBe(1024 * 1024);
  });

  it('on its own thread, settles a drain only once the batches are committed', async () => {
    const file = searchFile();
    const errors: string[] = [];
    const writer = new ThreadedSearchWriter(file, (message) => errors.push(message));
    const seen = reader(file);
    writer.bulk(true);
    writer.write(batch(1, 5));
    writer.write(batch(6, 5));
    await writer.drain();
    expect(seen.count()).toBe(10);
    writer.bulk(false);
    writer.write(batch(20, 2));
    await writer.drain();
    expect(seen.count()).toBe(12);
    await writer.close();
    expect(errors).toEqual([]);
  });

  it('on its own thread, settles `within` once no more than that many batches wait', async () => {
    const file = searchFile();
    const writer = new ThreadedSearchWriter(file, () => undefined);
    const seen = reader(file);
    // (How many the thread has committed by now depends on the machine: no claim is made.)
    for (let i = 0; i < 20; i++) writer.write(batch(1 + i * 200, 200));
    await writer.within(3);
    expect(seen.count()).toBeGreaterThanOrEqual(17 * 200);
    await writer.close();
  });
});
