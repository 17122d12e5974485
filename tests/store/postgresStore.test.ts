import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeRecord } from '@/lib/store/types';
import { openPool } from '@/lib/store/postgres/connection';
import { migrate } from '@/lib/store/postgres/migrate';
import { migrations } from '@/lib/store/postgres/schema';
import { openPostgresStore, type PostgresStore } from '@/lib/store/postgres';
import { FolderFollower } from '@/lib/store/postgres/folderFollower';
import { createDatabase } from '../helpers/postgres';
import { postgresCluster, storeOptions, syncInto } from '../helpers/postgresStore';
import { corpusShaped, TempContent } from '../helpers/tempContent';
import { stemOf } from '@/lib/search/tokenize';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { url: clusterUrl, missing } = postgresCluster();
const stores: PostgresStore[] = [];
let content: TempContent | undefined;
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  content?.remove();
});

/** A store in a new database of the test cluster, closed after the test. */
async function newStore(prefix: string): Promise<PostgresStore> {
  const store = await openPostgresStore(await createDatabase(clusterUrl, prefix), { max: 2 });
  stores.push(store);
  return store;
}

/** The i-th minute of a month of 2025 (60 articles a day), for articles dated in order. */
const minuteOf = (month: string, i: number) => `2025-${month}-${String(1 + Math.floor(i / 60)).padStart(2, '0')} 00:${String(i % 60).padStart(2, '0')}:00`;

describe.skipIf(missing)('the postgres store', () => {
  it('applies its migrations once when instances open a new store together, and records them', async () => {
    const url = await createDatabase(clusterUrl, 'migrate');
    stores.push(...(await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, { max: 2 })))));
    const { rows } = await stores[0]!.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    const ids = await Promise.all(stores.map(async (store) => (await store.changes.position()).id));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('applies a later migration to a store opened by older code, and refuses a store migrated by newer code', async () => {
    const url = await createDatabase(clusterUrl, 'migrate_later');
    const pool = openPool(url, { max: 2 });
    try {
      expect(await migrate(pool)).toEqual(migrations.map((m) => m.version));
      expect(await migrate(pool)).toEqual([]);
      const later = [...migrations, { version: 99, name: 'a later version', sql: 'CREATE TABLE later (x int)' }];
      expect(await migrate(pool, later)).toEqual([99]);
      await expect(migrate(pool)).rejects.toThrow(/schema is version 99, newer than this code knows/);
      const failing = [...later, { version: 100, name: 'broken', sql: 'CREATE TABLE later (x int)' }];
      await expect(migrate(pool, failing)).rejects.toThrow(/migration 100 \(broken\) failed/);
      expect((await pool.query('SELECT max(version) AS v FROM schema_migrations')).rows[0]).toEqual({ v: 99 });
    } finally {
      await pool.end();
    }
  });

  it('finds the newest matches of common and rare terms alike, on every page, past the newest entries it tries first', async () => {
    const store = await newStore('pages');
    content = new TempContent();
    const count = 700;
    const minute = (i: number) => minuteOf('01', i);
    // Every article says "common"; every third "third"; the three oldest "rare".
    for (let i = 0; i < count; i++) {
      content.write(
        `en/s${i}.md`,
        corpusShaped({ title: `"Story ${i}"`, date: `"${minute(i)}"` }, `common ${i % 3 === 0 ? 'third' : ''} ${i < 3 ? 'rare' : ''}\n`),
      );
    }
    await syncInto(
      store,
      content.dir,
      storeOptions(() => Date.parse('2026-01-01T00:00:00Z')),
    );
    const titles = async (ids: number[]) => (await store.catalog.byIds(ids)).map((a) => a.title);
    const expected = (every: number, from: number, take: number) =>
      Array.from({ length: count }, (_, i) => count - 1 - i)
        .filter((i) => i % every === 0)
        .slice(from, from + take)
        .map((i) => `Story ${i}`);
    expect(await titles(await store.search.ids({ token: 'rare' }, 10, 0))).toEqual(['Story 2', 'Story 1', 'Story 0']);
    expect(await store.search.count({ token: 'rare' })).toBe(3);
    for (const [from, take] of [
      [0, 10],
      [40, 10],
      [45, 10],
      [300, 20],
      [690, 20],
    ] as const) {
      expect(await titles(await store.search.ids({ token: 'common' }, take, from)), `common from ${from}`).toEqual(expected(1, from, take));
      expect(await titles(await store.search.ids({ token: 'third' }, take, from)), `third from ${from}`).toEqual(expected(3, from, take));
    }
    expect(await store.search.count({ token: 'third' })).toBe(Math.ceil(count / 3));
    expect(await titles(await store.search.ids({ lang: 'en' }, 2, 0))).toEqual(['Story 699', 'Story 698']);
    expect(await store.search.count({ lang: 'en' })).toBe(count);
  });

  it('finds the newest titles holding any of some words as its index does, walking the newest titles first, through edits and deletions', async () => {
    const store = await newStore('titles');
    content = new TempContent();
    const count = 600;
    const minute = (i: number) => minuteOf('02', i);
    // Every other title says "harbour"; the five oldest "bridge"; every body says both, which a title query must not see.
    const write = (i: number, title = `Story ${i}${i % 2 === 0 ? ' harbour' : ''}${i < 5 ? ' bridge' : ''}`) =>
      content!.write(`en/s${i}.md`, corpusShaped({ title: `"${title}"`, date: `"${minute(i)}"` }, 'harbour bridge\n'));
    for (let i = 0; i < count; i++) write(i);
    const options = storeOptions(() => Date.parse('2026-01-01T00:00:00Z'));
    await syncInto(store, content.dir, options);
    const titleQuery = { title: { any: [{ token: stemOf('harbour') }, { token: stemOf('bridge') }] } };
    const storyNumbers = async (ids: number[]) => (await store.catalog.byIds(ids)).map((a) => Number(/Story (\d+)/.exec(a.title)?.[1]));
    const expected = (numbers: number[], take: number) => numbers.sort((a, b) => b - a).slice(0, take);
    const matching = () => Array.from({ length: count }, (_, i) => i).filter((i) => i % 2 === 0 || i < 5);
    // Filled from the newest titles (240), and past all of them (400: fewer match), as the index answers.
    const check = async (numbers: number[]) => {
      for (const take of [1, 240, 400]) {
        const ids = await store.search.ids(titleQuery, take, 0);
        expect(await storyNumbers(ids), `newest ${take}`).toEqual(expected(numbers, take));
      }
      // Each title's words beside its entry, exactly the entry's own.
      const { rows } = await store.pool.query(
        'SELECT count(*)::int AS differing FROM titles t FULL JOIN search s USING (id) WHERE t.doc IS DISTINCT FROM title_doc(s.doc) OR t.lang IS DISTINCT FROM s.lang',
      );
      expect(rows[0]).toEqual({ differing: 0 });
    };
    await check(matching());
    // The newest harbour title deleted, the next one retitled without it, an old one retitled with it.
    rmSync(path.join(content.dir, 'en/s598.md'));
    write(596, 'Story 596 pier');
    write(7, 'Story 7 harbour');
    await syncInto(store, content.dir, options);
    await check([...matching().filter((i) => i !== 598 && i !== 596), 7]);
  });

  it('tells when a server has checked the whole folder against the store, even when nothing changed, once', async () => {
    const url = await createDatabase(clusterUrl, 'follow_checked');
    const store = await openPostgresStore(url, { max: 4 });
    stores.push(store);
    content = new TempContent();
    for (let i = 0; i < 12; i++) content.write(`en/s${i}.md`, corpusShaped({ title: `"Story ${i}"`, date: '"2025-01-01 00:00:00"' }, 'Text.\n'));
    const options = storeOptions(() => Date.parse('2026-01-01T00:00:00Z'));
    await syncInto(store, content.dir, options);
    const lines: string[] = [];
    const follower = new FolderFollower(url, store.pool, content.dir, {
      ...options,
      mode: 'poll',
      pollMs: 50,
      log: { info: (line) => lines.push(line), error: (line) => lines.push(`error ${line}`) },
    });
    follower.start();
    try {
      const until = Date.now() + 60_000;
      while (!lines.some((line) => line.startsWith('the whole folder checked')) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      // Polls of the unchanged folder go on every 50 ms meanwhile: told after the first only.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      await follower.stop();
    }
    const checked = lines.filter((line) => line.startsWith('the whole folder checked against the store'));
    expect(checked).toEqual([expect.stringMatching(/^the whole folder checked against the store: 12 files, nothing changed \([\d.]+ s\)$/)]);
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('reads the few matches of a rare term through the index, not every entry, whatever the planner guesses', async () => {
    const url = await createDatabase(clusterUrl, 'plans');
    const store = await openPostgresStore(url, { max: 1 });
    stores.push(store);
    // Entries made directly: 3,000 of them, each holding the same 150 words, three of them "rare" too. With statistics
    // kept on fewer words than that, the planner guesses an unknown word as common as the words it knows (as it does
    // for English in an archive, where Chinese pairs fill its statistics), and walks the ids testing every entry.
    await store.pool.query(
      `INSERT INTO search SELECT g, 'len', array_to_tsvector(array_cat(ARRAY(SELECT 'w' || k FROM generate_series(1, 150) k), ARRAY[CASE WHEN g <= 3 THEN 'rare' ELSE 'common' END]))
       FROM generate_series(1, 3000) g`,
    );
    await store.pool.query('ALTER TABLE search ALTER COLUMN doc SET STATISTICS 10');
    await store.pool.query('VACUUM ANALYZE search');
    // One connection: its statistics are flushed when asked, and read back after.
    const read = async () => {
      await store.pool.query('SELECT pg_stat_force_next_flush()');
      await store.pool.query('SELECT 1');
      await store.pool.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await store.pool.query<{ n: number }>(
        "SELECT (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int8 AS n FROM pg_stat_user_tables WHERE relname = 'search'",
      );
      return rows[0]?.n ?? 0;
    };
    const before = await read();
    expect(await store.search.ids({ token: 'rare' }, 10, 0)).toEqual([3, 2, 1]);
    expect(await store.search.ids({ token: 'nowhere' }, 10, 0)).toEqual([]);
    expect(await store.search.count({ token: 'rare' })).toBe(3);
    expect(await store.search.ids({ token: 'common' }, 10, 0)).toEqual(Array.from({ length: 10 }, (_, i) => 3000 - i));
    // The newest 200 tried twice, and a few more: not the 3,000 of a scan for each rare word.
    expect((await read()) - before).toBeLessThan(1_000);
  });

  it('keeps telling changes after its listening connection is cut, catching up on what it missed', async () => {
    const url = await createDatabase(clusterUrl, 'feed');
    const store = await openPostgresStore(url, { max: 3, onError: () => undefined });
    stores.push(store);
    content = new TempContent().write('en/a.md', corpusShaped({ title: '"A"', date: '"2025-01-01"' }));
    const options = storeOptions(() => Date.parse('2026-01-01T00:00:00Z'));
    await syncInto(store, content.dir, options);
    const heard: ChangeRecord[] = [];
    const stop = store.changes.onChange((record) => heard.push(record));
    await store.changes.listening();
    const cut = async () => {
      const { rows } = await store.pool.query("SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'broadsheet-changes'");
      expect(rows).toEqual([{ done: true }]);
    };
    await cut();
    // Written while no connection listens: told once the feed has reconnected.
    content.write('en/b.md', corpusShaped({ title: '"B"', date: '"2025-01-02"' }));
    await syncInto(store, content.dir, options);
    const deadline = Date.now() + 15_000;
    while (heard.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard.map((record) => 'touched' in record && record.touched.map((t) => t.slug.join('/')))).toEqual([['b']]);
    content.write('en/c.md', corpusShaped({ title: '"C"', date: '"2025-01-03"' }));
    await syncInto(store, content.dir, options);
    while (heard.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard.map((record) => record.seq)).toEqual([2, 3]);
    stop();
  }, 30_000);
});
