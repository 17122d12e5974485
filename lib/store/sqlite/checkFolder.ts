import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Problem } from '@/lib/content/problems';
import type { ScheduledItem } from '@/lib/content/scheduleReport';
import { CatalogWriter, type UnreadableFolder } from './catalogWriter';
import { type CatalogIdentity, catalogFileFor, configure, fingerprintOf, fitsCatalog, initializeCatalogSchema, removeDatabase } from './database';
import { ParsePool } from '@/lib/store/ingest/parsePool';
import type { SearchSink } from './searchWriter';
import { undescribedAuthors } from './undescribedAuthors';

export interface CheckResult {
  problems: Problem[];
  /** Markdown files found. */
  files: number;
  /** Articles published (not drafts, not dated ahead, not duplicates, not refused). */
  articles: number;
  /** Files read this time: the rest were unchanged since the last check, or the server's catalog. */
  read: number;
  /** Folders that could not be read: their files are reported as last read. */
  unreadable: UnreadableFolder[];
  /** What waits for its publication or expiry moment (publishDate, expiryDate, a date ahead). */
  scheduled: ScheduledItem[];
}

/** A check builds no full-text index: there is nothing for it to fall behind on. */
const noSearch: SearchSink = {
  write() {},
  progress: () => ({ committed: Number.MAX_SAFE_INTEGER, failed: false }),
  bulk() {},
  drain: async () => {},
  within: async () => {},
  ids: async () => new Float64Array(),
  close: async () => {},
};

/** The tables a check copies from the server's catalog: everything but the full-text index. */
const SEEDED_TABLES = ['files', 'scheduled', 'articles', 'lists', 'list_items', 'authors', 'corrections'];

/**
 * Every problem of every file of a folder, found by the server's own catalog writer: what
 * `npm run check` reports is what the server publishes. The check keeps a catalog of its own
 * (`check-….sqlite`, never the server's, whose changes the server must see for itself) and reads
 * only files changed since it last ran; a first check starts from a copy of the server's
 * catalog when there is one, so on a running site's folder it reads next to nothing.
 */
export async function checkFolder(identity: CatalogIdentity, cacheDir?: string): Promise<CheckResult> {
  const serverFile = catalogFileFor(identity, cacheDir);
  const file = serverFile.replace(/catalog-([^/]+)$/, 'check-$1');
  const fingerprint = fingerprintOf(identity);
  mkdirSync(path.dirname(file), { recursive: true });
  let db = new Database(file);
  if (!fitsCatalog(db, fingerprint)) {
    db.close();
    removeDatabase(file);
    db = new Database(file);
    configure(db, 32);
    initializeCatalogSchema(db, fingerprint);
    seedFromServer(db, serverFile, fingerprint);
  } else {
    configure(db, 32);
  }
  const writer = new CatalogWriter(db, identity.dir, { ...identity, preview: false }, noSearch);
  const pool = new ParsePool(identity.dir, identity, Math.max(1, availableParallelism()), false);
  try {
    const { files, read, unreadable } = await writer.reconcile(undefined, pool);
    // What came due since the last check is published (or taken down) in the check's catalog too.
    writer.publishDue();
    const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    return { problems: [...problemsOf(db), ...undescribedAuthors(db)], files, articles, read, unreadable, scheduled: scheduledIn(db, Date.now()) };
  } finally {
    await pool.close();
    db.close();
  }
}

/** Copies what the server's catalog knows, when it was written for the same folder and settings. */
function seedFromServer(db: Database.Database, serverFile: string, fingerprint: string): void {
  let server: Database.Database;
  try {
    server = new Database(serverFile, { readonly: true, fileMustExist: true });
  } catch {
    return;
  }
  const fits = fitsCatalog(server, fingerprint);
  server.close();
  if (!fits) return;
  db.prepare('ATTACH DATABASE ? AS server').run(serverFile);
  db.transaction(() => {
    for (const table of SEEDED_TABLES) db.exec(`INSERT INTO main.${table} SELECT * FROM server.${table}`);
  })();
  db.exec('DETACH DATABASE server');
}

/** Files whose publication or expiry is still ahead (the `scheduled` table holds each one's next moment). */
export function scheduledIn(db: Database.Database, now: number): ScheduledItem[] {
  const rows = db
    .prepare<[], { path: string; key: string; date: number; expires: number | null }>(
      'SELECT f.path, f.key, f.date, f.expires FROM scheduled s JOIN files f ON f.path = s.path WHERE f.key IS NOT NULL AND f.dup_of IS NULL ORDER BY s.date',
    )
    .all();
  return rows.map((row) => ({
    file: row.path,
    path: `/${row.key}`,
    publish: row.date > now ? row.date : undefined,
    expire: row.expires !== null && row.expires > now ? row.expires : undefined,
  }));
}

/** Each file's problems, and an error for each file that claims a URL another file holds. */
export function problemsOf(db: Database.Database): Problem[] {
  const rows = db
    .prepare<[], { path: string; key: string | null; problems: string | null; dup_of: string | null }>(
      'SELECT path, key, problems, dup_of FROM files WHERE problems IS NOT NULL OR dup_of IS NOT NULL',
    )
    .all();
  return rows.flatMap((row) => [
    ...(row.problems ? (JSON.parse(row.problems) as Problem[]) : []),
    ...(row.dup_of
      ? [{ file: row.path, field: 'path', message: `same URL /${row.key} as ${row.dup_of}; this file is left out`, severity: 'error' as const }]
      : []),
  ]);
}
