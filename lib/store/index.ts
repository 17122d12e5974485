import type { ImportLedger } from '@/lib/import/ledger';
import type { ContentStore, TouchedArticle } from './types';
import { isPostgresUrl } from './postgres/connection';
import { openPostgresContentStore } from './postgres/contentStore';
import { openStoreLedger } from './postgres/importLedger';
import { touchedBy } from './ingest/changeSet';
import { siteCatalogOptions } from './ingest/siteOptions';
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

export interface StoreImportOptions {
  /** Told once when another instance holds the store's writer lock and the import waits. */
  onWaiting?: () => void;
  /** How long to wait for the writer lock before the source fails (a server following its folder holds it as long as it runs). */
  waitMs?: number;
  /** Told of the articles each commit published, changed or removed. */
  onChanged?: (touched: TouchedArticle[]) => void;
}

/**
 * Where `npm run import` and the cron route keep the importer's ledger and write its articles:
 * in the PostgreSQL store when DATABASE_URL names one (lib/store/postgres/importLedger.ts), so a
 * scheduled job publishes with no folder, no commit and no redeploy. Undefined with the SQLite
 * catalog, which is a cache of the content folder: there the importer writes Markdown files.
 */
export function storeImportLedger(options: StoreImportOptions = {}): ((folder: string) => Promise<ImportLedger>) | undefined {
  const url = process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) return undefined;
  return (folder) =>
    openStoreLedger(url, folder, {
      ...siteCatalogOptions(false),
      onWaiting: options.onWaiting,
      waitMs: options.waitMs,
      onCommitted: (set) => options.onChanged?.(touchedBy(set)),
    });
}
