import { utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPostgresStore, type PostgresStore } from '@/lib/store/postgres';
import { bulkWorthIt } from '@/lib/store/postgres/bulkLoad';
import { buildMissingIndexes, DEFERRED_INDEXES, dropIndexes, missingIndexes, poolSessions, type RunSql } from '@/lib/store/postgres/deferredIndexes';
import { openPool } from '@/lib/store/postgres/connection';
import { migrate } from '@/lib/store/postgres/migrate';
import { migrations } from '@/lib/store/postgres/schema';
import { createDatabase } from '../helpers/postgres';
import { postgresCluster, storeOptions, syncInto } from '../helpers/postgresStore';
import { corpusShaped, TempContent } from '../helpers/tempContent';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { url: clusterUrl, missing } = postgresCluster();
const now = Date.parse('2026-01-01T00:00:00Z');
const stores: PostgresStore[] = [];
let content: TempContent | undefined;
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  content?.remove();
});

const open = async (prefix: string, repair = true) => {
  const store = await openPostgresStore(await createDatabase(clusterUrl, prefix), { max: 4, repair });
  stores.push(store);
  return store;
};
const runOn =
  (store: PostgresStore): RunSql =>
  async (text, values) =>
    (await store.pool.query(text, values)).rows;
const missingNames = async (store: PostgresStore) => (await missingIndexes(runOn(store))).map((index) => index.name);

/** `count` articles in en/, each with a word of its own (word<i>) and "common". */
function folder(count: number): TempContent {
  const made = new TempContent();
  for (let i = 0; i < count; i++) {
    made.write(
      `en/part-${i % 5}/s${i}.md`,
      corpusShaped({ title: `"Story ${i}"`, date: `"2025-01-01 00:${String(i % 60).padStart(2, '0')}:00"` }, `common word${i}\n`),
    );
  }
  return made;
}

describe('when a sync writes in bulk', () => {
  it('a fifth of the store or more, and not fewer files than the bound', () => {
    expect(bulkWorthIt(10_000, 0)).toBe(true);
    expect(bulkWorthIt(9_999, 0)).toBe(false);
    expect(bulkWorthIt(200_000, 1_000_000)).toBe(true);
    expect(bulkWorthIt(199_999, 1_000_000)).toBe(false);
    expect(bulkWorthIt(3, 10, 1)).toBe(true);
  });
});

describe.skipIf(missing)('a bulk sync of the postgres store', () => {
  it('builds again exactly the indexes its migrations made, as they made them', async () => {
    const store = await open('bulk_defs');
    const definitions = async () =>
      (
        await store.pool.query<{ indexname: string; indexdef: string }>(
          "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = ANY($1::text[]) ORDER BY indexname",
          [DEFERRED_INDEXES.map((index) => index.name)],
        )
      ).rows;
    const made = await definitions();
    expect(made).toHaveLength(DEFERRED_INDEXES.length);
    await dropIndexes(runOn(store));
    expect(await definitions()).toEqual([]);
    expect((await buildMissingIndexes(runOn(store))).sort()).toEqual(made.map((row) => row.indexname));
    expect(await definitions()).toEqual(made);
    expect(await buildMissingIndexes(runOn(store))).toEqual([]);
  });

  it("builds the partitions' full-text indexes on two connections at once, then the whole table's", async () => {
    const store = await open('bulk_two');
    content = folder(40);
    await syncInto(
      store,
      content.dir,
      storeOptions(() => now),
    );
    await dropIndexes(runOn(store));
    // Each connection's statements, in order: the writer's, and the one beside it.
    const first: string[] = [];
    const second: string[] = [];
    const recording =
      (into: string[], run: RunSql): RunSql =>
      (text, values) => {
        if (text.startsWith('CREATE INDEX')) into.push(/CREATE INDEX IF NOT EXISTS (\w+)/.exec(text)?.[1] ?? text);
        return run(text, values);
      };
    const writer = await store.pool.connect();
    const sessions = poolSessions(store.pool);
    try {
      const built = await buildMissingIndexes(
        recording(first, async (text, values) => (await writer.query(text, values)).rows),
        async () => {
          const session = await sessions.open();
          return { ...session, run: recording(second, session.run) };
        },
      );
      expect(built.sort()).toEqual(DEFERRED_INDEXES.map((index) => index.name).sort());
    } finally {
      writer.release();
    }
    // One partition each, as they came; the whole table's last, on the first, once both are done.
    expect([first[0], second[0]].sort()).toEqual(['search_0_doc', 'search_1_doc']);
    expect(first.at(-1)).toBe('search_doc');
    expect([...first, ...second].sort()).toEqual(DEFERRED_INDEXES.map((index) => index.name).sort());
    expect(await missingNames(store)).toEqual([]);
    expect(await store.search.count({ token: 'word7' })).toBe(1);
    const { rows } = await store.pool.query("SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'search_doc'::regclass");
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('moves a store written before the partitions into them, its entries and search intact; a large one gets its indexes when opened', async () => {
    for (const [prefix, entries] of [
      ['bulk_migrate_small', 30],
      ['bulk_migrate_large', 100_000],
    ] as const) {
      const url = await createDatabase(clusterUrl, prefix);
      const pool = openPool(url, { max: 2 });
      try {
        expect(
          await migrate(
            pool,
            migrations.filter((migration) => migration.version <= 7),
          ),
        ).toContain(7);
        await pool.query(
          "INSERT INTO search (id, lang, doc) SELECT g, 'en', array_to_tsvector(ARRAY['all', 'n' || g, 't' || g, '^t' || g]) FROM generate_series(1, $1::int) g",
          [entries],
        );
        // 9 takes each entry's title words apart (a store of any size: a narrow copy, no index to build).
        expect(await migrate(pool)).toEqual([8, 9]);
        const { rows } = await pool.query(
          "SELECT (SELECT count(*)::int FROM search) AS total, (SELECT count(*)::int FROM search_0) AS p0, (SELECT count(*)::int FROM search_1) AS p1, (SELECT relkind::text FROM pg_class WHERE relname = 'search') AS kind",
        );
        expect(rows[0]).toMatchObject({ total: entries, kind: 'p' });
        expect(rows[0].p0 + rows[0].p1).toBe(entries);
        expect(rows[0].p0).toBeGreaterThan(0);
        expect(rows[0].p1).toBeGreaterThan(0);
        // A large store is not held up by building them inside the migration.
        const missingAfter = (await missingIndexes(async (text, values) => (await pool.query(text, values)).rows)).map((index) => index.name);
        expect(missingAfter).toEqual(entries < 100_000 ? [] : ['search_doc', 'search_0_doc', 'search_1_doc']);
      } finally {
        await pool.end();
      }
      const store = await openPostgresStore(url, { max: 4 });
      stores.push(store);
      expect((await store.repaired).sort()).toEqual(entries < 100_000 ? [] : ['search_0_doc', 'search_1_doc', 'search_doc']);
      expect(await store.search.count({ token: 'n7' })).toBe(1);
      expect(await store.search.count({ token: 'all' })).toBe(entries);
      expect(await store.search.ids({ title: { token: 't7' } }, 1, 0)).toEqual([7]);
      expect(await store.search.ids({ title: { token: `t${entries}` } }, 1, 0)).toEqual([entries]);
    }
  });

  it('writes without the deferred indexes, reads correctly meanwhile, and builds them once at the end', async () => {
    const store = await open('bulk_sync');
    content = folder(300);
    const options = storeOptions(() => now, { batch: 50, bulkFrom: 100 });
    // Stopped after its second transaction (as by a kill): the store reads correctly without the indexes, only slower.
    let batches = 0;
    const stopped = syncInto(store, content.dir, {
      ...options,
      onBatch: () => {
        if (++batches === 2) throw new Error('stopped');
      },
    });
    await expect(stopped).rejects.toThrow('stopped');
    expect((await missingNames(store)).sort()).toEqual(DEFERRED_INDEXES.map((index) => index.name).sort());
    expect(await store.catalog.size()).toBe(100);
    expect(await store.search.count({ token: 'common' })).toBe(100);
    const ids = await store.search.ids({ token: 'common' }, 1000, 0);
    expect(ids).toHaveLength(100);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const report = await syncInto(store, content.dir, options);
    expect(report).toMatchObject({ files: 300, read: 200, written: 200, changed: 200 });
    expect(report.indexes?.built.sort()).toEqual(DEFERRED_INDEXES.map((index) => index.name).sort());
    expect(await missingNames(store)).toEqual([]);
    expect(await store.search.count({ token: 'common' })).toBe(300);
    expect(await store.search.ids({ token: 'word123' }, 10, 0)).toHaveLength(1);
    expect(await store.catalog.article('en', ['part-3', 's123'])).toMatchObject({ title: 'Story 123' });

    // Nothing changed: nothing read, nothing dropped, nothing built.
    expect(
      await syncInto(
        store,
        content.dir,
        storeOptions(() => now, { batch: 50, bulkFrom: 100 }),
      ),
    ).toMatchObject({ read: 0, written: 0 });
    // A checkout touches every file: each read and hashed, none written, so the indexes stay.
    const later = new Date('2026-02-01');
    for (let i = 0; i < 300; i++) utimesSync(path.join(content.dir, `en/part-${i % 5}/s${i}.md`), later, later);
    const touched = await syncInto(
      store,
      content.dir,
      storeOptions(() => now, { batch: 50, bulkFrom: 100 }),
    );
    expect(touched).toMatchObject({ read: 300, written: 0 });
    expect(touched.indexes).toBeUndefined();
  });

  it('answers searches from the table while the indexes are missing, the same as through them', async () => {
    const store = await open('bulk_reads');
    content = folder(120);
    await syncInto(
      store,
      content.dir,
      storeOptions(() => now),
    );
    const queries = [{ token: 'common' }, { token: 'word7' }, { all: [{ token: 'common' }, { token: 'word42' }] }, { token: 'nowhere' }];
    const answers = async () =>
      Promise.all(queries.map(async (q) => [await store.search.count(q), await store.search.ids(q, 10, 0), await store.search.ids(q, 10, 100)]));
    const indexed = await answers();
    await dropIndexes(runOn(store));
    expect((await missingNames(store)).sort()).toEqual(DEFERRED_INDEXES.map((index) => index.name).sort());
    expect(await answers()).toEqual(indexed);
    expect(await store.catalog.article('en', ['part-2', 's42'])).toMatchObject({ title: 'Story 42' });
  });

  it('builds indexes a killed sync left missing when the store is opened, unless a writer is at work', async () => {
    const first = await open('bulk_repair');
    content = folder(20);
    await syncInto(
      first,
      content.dir,
      storeOptions(() => now),
    );
    await dropIndexes(runOn(first));
    const writer = await (
      await import('@/lib/store/postgres/writer')
    ).PostgresWriter.open(
      first.url,
      storeOptions(() => now),
    );
    try {
      // A sync holds the writer lock: it builds them when it ends, and the open leaves them be.
      const busy = await openPostgresStore(first.url, { max: 2 });
      stores.push(busy);
      expect(await busy.repaired).toEqual([]);
      expect(await missingNames(first)).toHaveLength(DEFERRED_INDEXES.length);
    } finally {
      await writer.close();
    }
    const next = await openPostgresStore(first.url, { max: 2 });
    stores.push(next);
    expect((await next.repaired).sort()).toEqual(DEFERRED_INDEXES.map((index) => index.name).sort());
    expect(await missingNames(first)).toEqual([]);
    expect(await next.search.count({ token: 'word3' })).toBe(1);
  });
});
