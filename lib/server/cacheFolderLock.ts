import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The server that holds a cache folder, as it wrote itself down. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export type FolderLock =
  | { state: 'held'; file: string; release(): void }
  /** Another server holds the folder: this one must not start. */
  | { state: 'refused'; message: string; holder?: LockHolder }
  /** No lock can be made there (a read-only folder): the server runs, unguarded, and says so. */
  | { state: 'unavailable'; message: string };

export const LOCK_FILE = 'server.lock';
export const HOLDER_FILE = 'server.lock.json';

function readHolder(dir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path.join(dir, HOLDER_FILE), 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a server refused reads it at any moment. */
function writeHolder(dir: string, holder: LockHolder): void {
  const temporary = path.join(dir, `${HOLDER_FILE}.${process.pid}`);
  writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
  renameSync(temporary, path.join(dir, HOLDER_FILE));
}

export function refusalMessage(dir: string, holder: LockHolder | undefined): string {
  const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : `its pid is not written in ${path.join(dir, HOLDER_FILE)}`;
  return (
    `another Broadsheet server is running on the cache folder ${dir} (${who}). Two servers on one cache folder ` +
    `overwrite each other's catalog and page cache, and one keeps stale pages for good. Stop that one first, or ` +
    `give each server a cache folder of its own: BROADSHEET_CACHE_DIR=/var/cache/broadsheet-2, or its own copy ` +
    `of the build (NEXT_DIST_DIR=.next-2).`
  );
}

/**
 * Takes a cache folder for this process's life: an exclusive lock on `server.lock`, SQLite's own
 * (POSIX `fcntl` locks), which the operating system drops when the process ends however it ends,
 * kill -9 included, so it never goes stale; a copy of the folder (a copied build) copies no lock.
 * Only servers take it: `next build`, `npm run check`, the tests and the benchmark's checks open
 * the catalog their own ways. `server.lock.json` says who holds it, for the message of a server
 * refused.
 */
export function lockCacheFolder(dir: string): FolderLock {
  const file = path.join(dir, LOCK_FILE);
  let db: Database.Database;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    return {
      state: 'unavailable',
      message: `the cache folder ${dir} cannot hold a lock (${(error as Error).message}), so a second server on it would not be refused`,
    };
  }
  try {
    // BEGIN EXCLUSIVE takes the lock; in EXCLUSIVE locking mode it is kept until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      const holder = readHolder(dir);
      return { state: 'refused', message: refusalMessage(dir, holder), holder };
    }
    return {
      state: 'unavailable',
      message: `the cache folder ${dir} cannot hold a lock (${(error as Error).message}), so a second server on it would not be refused`,
    };
  }
  try {
    writeHolder(dir, { pid: process.pid, host: hostname(), since: new Date().toISOString() });
  } catch {
    // Only the message of a server refused would lack our pid.
  }
  return {
    state: 'held',
    file,
    release() {
      db.close();
    },
  };
}

const slot = Symbol.for('broadsheet.cacheFolderLock');
type Slot = { [slot]?: FolderLock };

/**
 * The server's start: takes its cache folder, or ends the process with the reason when another
 * server has it. Kept on globalThis: the lock lasts as long as its connection is referenced.
 */
export function holdCacheFolder(dir: string, exit: (code: number) => never = process.exit): FolderLock {
  const holder = globalThis as Slot;
  if (holder[slot]) return holder[slot];
  const lock = lockCacheFolder(dir);
  if (lock.state === 'refused') {
    console.error(`[server] refusing to start: ${lock.message}`);
    exit(1);
  }
  if (lock.state === 'unavailable') console.warn(`[server] ${lock.message}`);
  holder[slot] = lock;
  return lock;
}
