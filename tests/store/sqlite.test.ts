import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { touchedBy } from '@/lib/store/ingest/changeSet';
import { catalogPosition, readChangesSince } from '@/lib/store/sqlite/changeLog';
import { CatalogWriter } from '@/lib/store/sqlite/catalogWriter';
import { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import { configure, initializeCatalog } from '@/lib/store/sqlite/database';
import { Fts5Index } from '@/lib/store/sqlite/fullText';
import { SqliteReader } from '@/lib/store/sqlite/reader';
import { SearchWriter } from '@/lib/store/sqlite/searchWriter';
import type { ChangeRecord } from '@/lib/store/types';
import { describeStoreContract } from './contract';

/*
 * The store contract for the SQLite engine: the catalog writer over its two files, read as the
 * server reads them (its own connections), its change feed as the server hears it (what each
 * update's batch changed, numbered in the catalog's log).
 */
describeStoreContract('sqlite', async (dir, now) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'broadsheet-store-'));
  const file = path.join(folder, 'catalog.sqlite');
  const db = new Database(file);
  const searchDb = new Database(`${file}-search`);
  configure(db, 8);
  configure(searchDb, 8);
  initializeCatalog(db, searchDb, 'contract');
  const options = { languages: ['en', 'zh-CN', 'zh-HK'], defaultLanguage: 'en', timeZone: 'UTC', preview: false, now };
  const writer = new CatalogWriter(db, dir, options, new SearchWriter(searchDb));
  const readDb = new Database(file, { readonly: true });
  const readSearchDb = new Database(`${file}-search`, { readonly: true });
  const listeners = new Set<(record: ChangeRecord) => void>();
  const sync = async () => {
    await writer.reconcile((set) => {
      if (set.seq === undefined || set.changes.length === 0) return;
      for (const listener of listeners) listener({ seq: set.seq, touched: touchedBy(set) });
    });
  };
  await sync();
  return {
    catalog: new SqliteReader(new ContentIndex(readDb)),
    search: new Fts5Index(readSearchDb, readDb),
    changes: {
      position: async () => catalogPosition(readDb),
      changesSince: async (seq) => readChangesSince(readDb, seq),
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    sync,
    publishDue: async () => {
      const set = writer.publishDue();
      if (set.seq !== undefined && set.changes.length > 0) for (const listener of listeners) listener({ seq: set.seq, touched: touchedBy(set) });
    },
    close: async () => {
      for (const handle of [readDb, readSearchDb, db, searchDb]) handle.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
