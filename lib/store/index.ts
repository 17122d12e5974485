import type { ContentStore } from './types';
import { isPostgresUrl } from './postgres/connection';
import { openPostgresContentStore } from './postgres/contentStore';
import { openSqliteStore } from './sqlite/store';

export type * from './types';
export { isStoreUnavailable, STORE_RETRY_AFTER } from './unavailable';

const slot = Symbol.for('broadsheet.store');
type Slot = { [slot]?: ContentStore };

/**
 * The store of this server process, opened on first use and shared through globalThis (route
 * bundles may each carry a copy of this module): PostgreSQL when DATABASE_URL names one, else
 * the SQLite catalog of the content folder.
 */
export function getStore(): ContentStore {
  const holder = globalThis as Slot;
  const url = process.env.DATABASE_URL;
  holder[slot] ??= isPostgresUrl(url) ? openPostgresContentStore(url) : openSqliteStore();
  return holder[slot];
}
