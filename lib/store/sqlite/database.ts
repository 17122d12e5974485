import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultCacheDir } from '@/lib/server/cacheDir';
import { SCHEMA_VERSION, schemaSql, searchSchemaSql } from './schema';
import { leftUnsynced, markerOf } from './unsyncedBuild';

/**
 * Everything a catalog's contents depend on besides the files: when any of it differs (another
 * content folder, another time zone, a newer loader), the catalog is rebuilt rather than trusted.
 * Keyed by the code that wrote it, as Astro learned to key its data store (withastro/astro#12126).
 */
export interface CatalogIdentity {
  dir: string;
  languages: readonly string[];
  defaultLanguage: string;
  timeZone: string;
  widgetNames?: readonly string[];
  preview: boolean;
}

/** Bumped whenever reading a file gives different metadata than before (loader rules, ArticleMeta). */
const LOADER_VERSION = 1;

export function fingerprintOf(identity: CatalogIdentity): string {
  return JSON.stringify({ schema: SCHEMA_VERSION, loader: LOADER_VERSION, ...identity });
}

/**
 * Where a content folder's catalog lives: BROADSHEET_CACHE_DIR, or `.next/cache/broadsheet/`
 * beside the build (where Next.js keeps its own caches), one file per folder and mode.
 */
export function catalogFileFor(identity: Pick<CatalogIdentity, 'dir' | 'preview'>, cacheDir = defaultCacheDir()): string {
  const id = createHash('sha256').update(identity.dir).digest('hex').slice(0, 16);
  return path.join(cacheDir, `catalog-${id}${identity.preview ? '-preview' : ''}.sqlite`);
}

/** The file of a catalog's full-text index, beside it. */
export function searchFileOf(file: string): string {
  return file.replace(/(\.sqlite)?$/, '-search.sqlite');
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  rmSync(markerOf(file), { force: true });
}

/** The log's size once a checkpoint has emptied it: whatever it grew to beyond this goes back to the disk. */
const WAL_KEPT_BYTES = 4 * 1024 * 1024;

/** Settings for every connection: readers never wait for the writer (WAL), and waits are bounded. */
export function configure(db: Database.Database, cacheMb: number): void {
  db.pragma('journal_mode = WAL');
  // A cache of files on disk: losing the last transactions in a power cut costs a re-read, no more.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
  db.pragma(`cache_size = ${-cacheMb * 1024}`);
  db.pragma('temp_store = MEMORY');
}

/** Page cache of each catalog file during a full pass (BROADSHEET_BULK_CACHE_MB). */
const BULK_CACHE_MB = Number(process.env.BROADSHEET_BULK_CACHE_MB) || 256;
/**
 * Pages written to the log before they are copied into the file, during a full pass (64 MB) and
 * otherwise (SQLite's default). A pass inserts all over large B-trees: the same pages are written
 * again and again, and each copy copies a page once however often it changed. At 10x the corpus,
 * the catalog wrote 2.4 GB instead of 2.7.
 */
const BULK_CHECKPOINT_PAGES = 16_384;
const CHECKPOINT_PAGES = 1_000;

/**
 * Settings of a catalog file's writer during a full pass (`on`), and after it: the page cache is
 * handed back to the system. `unsynced`: the pass does not wait for the disk (see unsyncedBuild.ts).
 */
export function setBulkMode(db: Database.Database, on: boolean, idleCacheMb: number, unsynced = false): void {
  db.pragma(`cache_size = ${on ? -BULK_CACHE_MB * 1024 : -idleCacheMb * 1024}`);
  db.pragma(`wal_autocheckpoint = ${on ? BULK_CHECKPOINT_PAGES : CHECKPOINT_PAGES}`);
  db.pragma(`synchronous = ${on && unsynced ? 'OFF' : 'NORMAL'}`);
  if (on) return;
  db.pragma('shrink_memory');
  // The log grew to the pass's size; it is cut back the next time it starts over.
  db.pragma('wal_checkpoint(PASSIVE)');
}

export interface OpenedCatalog {
  db: Database.Database;
  /** The full-text index's own connection (a file of its own, beside the catalog). */
  searchDb: Database.Database;
  file: string;
  /** True when the catalog was created empty now (a first start, or a rebuilt one). */
  created: boolean;
  /** Set when the catalog could not live where it should; says where it went and why. */
  degraded?: string;
}

/** Whether a database holds a catalog part written with this fingerprint. */
export function fitsCatalog(db: Database.Database, fingerprint: string): boolean {
  try {
    if ((db.pragma('user_version', { simple: true }) as number) !== SCHEMA_VERSION) return false;
    return db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'fingerprint'").get()?.value === fingerprint;
  } catch {
    return false; // No schema yet, or not a catalog at all.
  }
}

/**
 * Pages of the full-text index's file, four times SQLite's default: FTS5 writes its segments page
 * after page, and reads and merges them whole, so larger pages are fewer to look up and to write.
 * The index's thread used 7 % less CPU in a first pass at 10x (its FTS5 pages are sized to fit,
 * see schema.ts).
 */
const SEARCH_PAGE_BYTES = 16_384;

function openAt(file: string, fingerprint: string): { db: Database.Database; searchDb: Database.Database; created: boolean } {
  mkdirSync(path.dirname(file), { recursive: true });
  const searchFile = searchFileOf(file);
  let db = new Database(file);
  let searchDb = new Database(searchFile);
  // The two files are one catalog: if either is missing or was written otherwise, both start over.
  // So do files a first pass left unsynced (unsyncedBuild.ts): they may not be whole.
  const created = !fitsCatalog(db, fingerprint) || !fitsCatalog(searchDb, fingerprint) || leftUnsynced(file);
  if (created) {
    db.close();
    searchDb.close();
    removeDatabase(file);
    removeDatabase(searchFile);
    db = new Database(file);
    searchDb = new Database(searchFile);
  }
  // Only an empty file takes a page size (the log, WAL, fixes it once set up).
  if (created) searchDb.pragma(`page_size = ${SEARCH_PAGE_BYTES}`);
  configure(db, 32);
  configure(searchDb, 16);
  if (created) initializeCatalog(db, searchDb, fingerprint);
  return { db, searchDb, created };
}

/** Creates the catalog's tables in empty databases: the catalog, and its full-text index. */
export function initializeCatalog(db: Database.Database, searchDb: Database.Database, fingerprint: string): void {
  initializeCatalogSchema(db, fingerprint);
  initializePart(searchDb, searchSchemaSql, fingerprint);
}

/** The catalog's own tables alone (a check builds no full-text index). */
export function initializeCatalogSchema(db: Database.Database, fingerprint: string): void {
  initializePart(db, schemaSql, fingerprint);
}

function initializePart(db: Database.Database, sql: string, fingerprint: string): void {
  db.exec(sql);
  db.prepare("INSERT INTO meta (key, value) VALUES ('fingerprint', ?)").run(fingerprint);
  // Tells a rebuilt catalog from the one before it: the page cache's record of the changes it
  // applied (lib/server/revalidation) names the catalog they came from.
  db.prepare("INSERT INTO meta (key, value) VALUES ('id', ?)").run(randomUUID());
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/**
 * Opens (or creates) the catalog of a content folder, rebuilding it when it was written for
 * other settings or by other code. When its folder cannot be written, the catalog goes to the
 * system's temporary folder instead and says so once: the site works, but restarts rebuild it.
 */
export function openCatalog(identity: CatalogIdentity, file = catalogFileFor(identity)): OpenedCatalog {
  const fingerprint = fingerprintOf(identity);
  try {
    return { ...openAt(file, fingerprint), file };
  } catch (error) {
    const fallback = catalogFileFor(identity, path.join(tmpdir(), 'broadsheet'));
    if (fallback === file) throw error;
    const reason = `${file} cannot be used (${(error as Error).message}); the catalog is kept in ${fallback} instead, which may not outlive a restart`;
    return { ...openAt(fallback, fingerprint), file: fallback, degraded: reason };
  }
}
