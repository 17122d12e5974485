import { describe, it, vi } from 'vitest';
import { postgresCluster, newPostgresStore, storeOptions, syncInto } from '../helpers/postgresStore';
import { PostgresWriter } from '@/lib/store/postgres/writer';
import { describeStoreContract } from './contract';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { missing } = postgresCluster();

if (missing) {
  describe('the postgres store', () => it.skip(`skipped: ${missing}`, () => undefined));
} else {
  // Written as a site's sync writes it, and written in bulk (every sync that reads a fifth of the
  // store drops the indexes only readers need, and builds them again at its end: bulkLoad.ts).
  for (const [engine, bulkFrom] of [
    ['postgres', undefined],
    ['postgres (synced in bulk)', 1],
  ] as const)
    describeStoreContract(engine, async (dir, now) => {
      const store = await newPostgresStore('contract');
      const sync = async () => {
        await syncInto(store, dir, storeOptions(now, { allowDeletions: true, ...(bulkFrom === undefined ? {} : { bulkFrom }) }));
      };
      await sync();
      const publishDue = async () => {
        const writer = await PostgresWriter.open(store.url, storeOptions(now));
        try {
          await writer.publishDue();
        } finally {
          await writer.close();
        }
      };
      return { catalog: store.catalog, search: store.search, changes: store.changes, sync, publishDue, close: () => store.close() };
    });
}
