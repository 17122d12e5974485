import type { ContentStore } from './types';
import { openSqliteStore } from './sqlite/store';

export type * from './types';

const slot = Symbol.for('broadsheet.store');
type Slot = { [slot]?: ContentStore };

/**
 * The store of this server process, opened on first use and shared through globalThis (route
 * bundles may each carry a copy of this module): PostgreSQL when DATABASE_URL names one, else
 * the SQLite catalog of the content folder.
 */
export function getStore(): ContentStore {
  const holder = globalThis as Slot;
  holder[slot] ??= openSqliteStore();
  return holder[slot];
}
