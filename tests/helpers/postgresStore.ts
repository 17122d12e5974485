import { inject } from 'vitest';
import { openPostgresStore, type PostgresStore, syncFolder, type SyncOptions } from '@/lib/store/postgres';
import { createDatabase } from './postgres';

/** The test cluster (tests/helpers/postgresSetup.ts), or why there is none: PostgreSQL tests skip with that message. */
export const postgresCluster = (): { url: string; missing: string } => ({ url: inject('postgresUrl'), missing: inject('postgresMissing') });

export const storeOptions = (now: () => number, extra: Partial<SyncOptions> = {}): SyncOptions => ({
  languages: ['en', 'zh-CN', 'zh-HK'],
  defaultLanguage: 'en',
  timeZone: 'UTC',
  preview: false,
  now,
  threads: 0,
  ...extra,
});

/** A new database in the test cluster, the store opened on it. */
export async function newPostgresStore(prefix: string): Promise<PostgresStore> {
  return openPostgresStore(await createDatabase(postgresCluster().url, prefix), { max: 4 });
}

export function syncInto(store: PostgresStore, dir: string, options: SyncOptions) {
  return syncFolder(store.url, store.pool, dir, options);
}
