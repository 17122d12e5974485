import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeRecord } from '@/lib/store/types';
import { openPool } from '@/lib/store/postgres/connection';
import { migrate } from '@/lib/store/postgres/migrate';
import { migrations } from '@/lib/store/postgres/schema';
import { openPostgresStore, type PostgresStore } from '@/lib/store/postgres';
import { createDatabase } from '../helpers/postgres';
import { postgresCluster, storeOptions, syncInto } from '../helpers/postgresStore';
import { corpusShaped, TempContent } from '../helpers/tempContent';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { url: clusterUrl, missing } = postgresCluster();
const stores: PostgresStore[] = [];
let content: TempContent | undefined;
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  content?.remove();
});

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
