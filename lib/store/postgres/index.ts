/*
 * The PostgreSQL store (DATABASE_URL=postgres://… or postgresql://…): one catalog, full-text index
 * and article text shared by every instance. openPostgresStore opens it for reading (migrating
 * the schema first); syncFolder writes a content folder into it; exportFolder writes it back out.
 */
import type pg from 'pg';
import { PostgresChangeFeed } from './changeFeed';
import { openPool, type PoolOptions } from './connection';
import { PostgresFullText } from './fullText';
import { repairIndexes } from './indexRepair';
import { migrate } from './migrate';
import { PostgresCatalogReader, type Presenter } from './reader';

export { isPostgresUrl } from './connection';
export { exportFolder } from './exportFolder';
export { FolderSync, type SyncOptions, type SyncReport, SyncRefused, syncFolder } from './sync';
export { PostgresWriter } from './writer';

export interface PostgresStore {
  catalog: PostgresCatalogReader;
  search: PostgresFullText;
  changes: PostgresChangeFeed;
  pool: pg.Pool;
  url: string;
  /** The indexes a killed bulk sync left missing, built in the background after opening (none usually). */
  repaired: Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens the store at `url`: a pool of connections, the schema brought up to date, and, in the
 * background, the indexes a killed bulk sync left missing built again (indexRepair.ts) unless
 * `repair` is false (a sync, which builds them itself).
 */
export async function openPostgresStore(
  url: string,
  options: PoolOptions & { onError?: (message: string) => void; present?: Presenter; repair?: boolean } = {},
): Promise<PostgresStore> {
  const pool = openPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const changes = new PostgresChangeFeed(pool, url, options.onError);
  const repair = options.repair === false ? undefined : repairIndexes(url, pool);
  const repaired = (repair?.done ?? Promise.resolve([])).catch((error: unknown) => {
    options.onError?.(`could not build the store's missing indexes: ${(error as Error).message}`);
    return [];
  });
  return {
    catalog: new PostgresCatalogReader(pool, options.present),
    search: new PostgresFullText(pool),
    changes,
    pool,
    url,
    repaired,
    async close() {
      await repair?.stop();
      changes.close();
      await pool.end();
    },
  };
}
