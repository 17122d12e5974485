import { type Dirent, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Problem } from '@/lib/content/problems';
import { deletionRefusal } from '@/lib/store/rules';
import { BulkLoad, bulkWorthIt } from './bulkLoad';
import { poolSessions } from './deferredIndexes';
import { type ReadResult } from './readFiles';
import { ReadPool } from './readPool';
import { type ChangeSet, DETAILED_CHANGES, type FileOrigin, type FileRead, type FileSeen, PostgresWriter, type WriterOptions } from './writer';

/** Files read and written per transaction. */
export const SYNC_BATCH = 1_000;
/** Loader rules: bumped when reading a file gives other metadata than before, so every file is read again. */
// 5: files read before migration 5 (schedules) are read again for files.date and files.expires.
// 6: and for bylines, corrections and labels in each article's data (newsroomFields.ts).
// 7: and for author files (authors/<id>.md), read as authors from migration 6 on.
// 8: and for the corrections table (migration 7), filled as each article is written again.
const LOADER_VERSION = 8;

export interface SyncOptions extends WriterOptions {
  /** Remove more than a tenth of the published articles at once (the folder really was emptied). */
  allowDeletions?: boolean;
  /** Threads reading files (default: one per core beyond this one; 0 reads on this thread). */
  threads?: number;
  /** Files per transaction (SYNC_BATCH). */
  batch?: number;
  /** Files to read from which a whole-folder sync may write in bulk (bulkLoad.ts; BULK_FROM). */
  bulkFrom?: number;
  /** Told after each transaction committed. */
  onBatch?: (set: ChangeSet, report: SyncReport) => void;
  /** Told once when another instance holds the writer lock and this sync waits for it. */
  onWaiting?: () => void;
}

export interface SyncReport {
  /** Markdown files in the folder. */
  files: number;
  /** Files read (new, or with another time or size than the store last saw). */
  read: number;
  /** Files whose bytes differed from the store's, written. */
  written: number;
  /** Files gone from the folder, removed from the store. */
  deleted: number;
  /** Articles published, changed or removed. */
  changed: number;
  problems: Problem[];
  seconds: number;
  /** Indexes built at the end (a bulk sync's, or a killed one's left to build), and the seconds it took. */
  indexes?: { built: string[]; seconds: number };
}

/** Why a sync stopped without writing (the folder missing, or looking emptied). */
export class SyncRefused extends Error {}

interface StoredFile {
  path: string;
  mtime: number;
  size: number;
  hash: Buffer | null;
  origin: FileOrigin;
}

const isHidden = (name: string) => name.startsWith('.');

/** The store's settings the files were read with: other settings read every file again. */
function fingerprintOf(options: WriterOptions): string {
  return JSON.stringify({
    loader: LOADER_VERSION,
    languages: options.languages,
    defaultLanguage: options.defaultLanguage,
    timeZone: options.timeZone,
    widgetNames: options.widgetNames ?? null,
    preview: options.preview,
  });
}

/**
 * Writes a content folder into the store: only what changed since the last sync, by content hash
 * (a file is stat'ed first, and read and hashed only when its time or size differs from what the
 * store last saw), deletions included, in transactions of SYNC_BATCH files. Each transaction
 * records the files it wrote, so a sync killed at any point and run again picks up where it
 * stopped, and a second run with nothing changed writes nothing. A sync that writes a large share
 * of the store (from empty, say) drops the indexes only readers need first and builds them once
 * at the end (bulkLoad.ts); killed in between, the next sync (or the store's open) builds them. A
 * folder that is missing, or whose sync would remove more than a tenth of the published articles
 * at once, stops the sync before anything is written (SyncRefused) unless `allowDeletions`.
 * Takes the writer lock for its duration (waiting while another instance writes).
 */
export async function syncFolder(url: string, pool: pg.Pool, dir: string, options: SyncOptions): Promise<SyncReport> {
  const sync = await FolderSync.open(url, pool, dir, options);
  try {
    return await sync.all();
  } finally {
    await sync.close();
  }
}

/**
 * A content folder's writer into the store, holding the writer lock for as long as it is open: a
 * server that watches a folder keeps one, syncs the whole folder at start (all) and then the
 * paths its watcher reports (paths), and publishes future-dated articles at their time
 * (publishDue, nextPublication). While it is open, every other instance's waits.
 */
export class FolderSync {
  private constructor(
    private readonly writer: PostgresWriter,
    private readonly pool: pg.Pool,
    private readonly root: string,
    private readonly options: SyncOptions,
  ) {}

  static async open(url: string, pool: pg.Pool, dir: string, options: SyncOptions): Promise<FolderSync> {
    return new FolderSync(await PostgresWriter.open(url, options, options.onWaiting), pool, path.resolve(dir), options);
  }

  /** The whole folder. */
  async all(): Promise<SyncReport> {
    const started = performance.now();
    this.checkRoot();
    const report = emptyReport();
    const force = await this.fingerprintChanged();
    const { toRead, deleted, stored } = await compare(this.pool, this.root, force, report);
    const run = (text: string, values?: unknown[]) => this.writer.query(text, values);
    const bulk = new BulkLoad(run, bulkWorthIt(toRead.length, stored, this.options.bulkFrom), poolSessions(this.pool).open);
    await this.write(toRead, deleted, force, report, true, bulk);
    // Before the indexes are built: vacuuming a table reads the whole of its GIN index (for its
    // statistics), which costs nothing while a bulk sync has it dropped.
    if (report.written + report.deleted > 10_000) await this.pool.query('VACUUM (ANALYZE) files, articles, list_items, lists, search, titles, sources');
    // Before the store says it is complete: search goes through its index again from here on.
    const building = performance.now();
    const built = await bulk.finish();
    if (built.length > 0) report.indexes = { built, seconds: Math.round(performance.now() - building) / 1000 };
    // From now on a URL the store does not know is one that does not exist.
    await this.writer.setMeta('complete', '1');
    await this.writer.setMeta('fingerprint', fingerprintOf(this.options));
    report.seconds = Math.round(performance.now() - started) / 1000;
    return report;
  }

  /**
   * Given paths (relative; files, or folders standing for every file the store knows under them
   * or now in them), read again whatever their time or size: what a watcher reports.
   */
  async paths(paths: Iterable<string>): Promise<SyncReport> {
    const started = performance.now();
    this.checkRoot();
    const report = emptyReport();
    const files = await this.expand(paths);
    const stored = new Map<string, Buffer | null>();
    const imported = new Set<string>();
    if (files.length > 0) {
      const { rows } = await this.pool.query<{ path: string; hash: Buffer | null; origin: FileOrigin }>(
        'SELECT path, hash, origin FROM files WHERE path = ANY($1::text[])',
        [files],
      );
      for (const row of rows) {
        stored.set(row.path, row.hash);
        if (row.origin !== 'folder') imported.add(row.path);
      }
    }
    // An article the importer wrote into the store has no file here: not being here is not a deletion.
    const toRead = files
      .filter((file) => !imported.has(file) || existsSync(path.join(this.root, file)))
      .map((file) => ({ path: file, hash: stored.get(file) }));
    report.files = files.length;
    // A path gone is read too: the reader finds it missing, and the writer removes it.
    await this.write(toRead, [], false, report, false);
    report.seconds = Math.round(performance.now() - started) / 1000;
    return report;
  }

  publishDue(): Promise<ChangeSet> {
    return this.writer.publishDue();
  }

  nextPublication(): Promise<number | undefined> {
    return this.writer.nextPublication();
  }

  async close(): Promise<void> {
    await this.writer.close();
  }

  private checkRoot(): void {
    let stats;
    try {
      stats = statSync(this.root);
    } catch (error) {
      throw new SyncRefused(
        `the content folder ${this.root} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written`,
      );
    }
    if (!stats.isDirectory()) throw new SyncRefused(`${this.root} is not a folder; nothing was written`);
  }

  /** Whether the files were read with other settings (then every one is read again). */
  private async fingerprintChanged(): Promise<boolean> {
    const fingerprint = fingerprintOf(this.options);
    const force = (await this.writer.getMeta('fingerprint')) !== fingerprint;
    // An empty store holds nothing read with other settings: a sync killed from here on need not read everything again.
    if (force && (await this.pool.query('SELECT 1 FROM files LIMIT 1')).rows.length === 0) await this.writer.setMeta('fingerprint', fingerprint);
    return force;
  }

  /** Refuses removing too much at once, then reads and writes in batches (in bulk when `bulk` says), deletions last. */
  private async write(toRead: ToRead[], deleted: string[], force: boolean, report: SyncReport, fullPass: boolean, bulk?: BulkLoad): Promise<void> {
    const { options, pool } = this;
    const published = (await pool.query<{ n: number }>("SELECT coalesce(sum(count), 0)::int8 AS n FROM lists WHERE kind = 'all'")).rows[0]?.n ?? 0;
    // Files a watcher reports gone are among those read: count the published ones that are missing now.
    const gone = fullPass ? deleted : toRead.filter((file) => !existsSync(path.join(this.root, file.path))).map((file) => file.path);
    const removing =
      gone.length === 0
        ? 0
        : ((await pool.query<{ n: number }>('SELECT count(*)::int8 AS n FROM articles WHERE path = ANY($1::text[])', [gone])).rows[0]?.n ?? 0);
    const refusal = deletionRefusal(removing, published, options.allowDeletions === true);
    if (refusal) throw new SyncRefused(`${this.root}: ${refusal}`);
    if (!fullPass) report.deleted += gone.length;

    const { languages, defaultLanguage, timeZone, widgetNames } = options;
    const reader = new ReadPool(this.root, { languages, defaultLanguage, timeZone, widgetNames }, toRead.length > SYNC_BATCH ? options.threads : 0);
    try {
      const size = options.batch ?? SYNC_BATCH;
      const apply = async (set: Promise<ChangeSet>) => {
        const done = await set;
        report.changed += done.changes.length;
        report.problems.push(...done.problems);
        options.onBatch?.(done, report);
      };
      // Batches are read on the pool's threads ahead of the one being written, and written in order.
      const reading: Promise<ReadResult[]>[] = [];
      let next = 0;
      const readAhead = () => {
        while (reading.length < reader.ahead && next < toRead.length) {
          const batch = toRead.slice(next, next + size);
          next += size;
          const promise = reader.read(batch.map((file) => ({ path: file.path, hash: force ? undefined : file.hash?.toString('hex') })));
          promise.catch(() => undefined);
          reading.push(promise);
        }
      };
      readAhead();
      while (reading.length > 0) {
        const results = await (reading.shift() as Promise<ReadResult[]>);
        readAhead();
        const read: FileRead[] = [];
        const seen: FileSeen[] = [];
        for (const result of results) {
          if (result.same) seen.push({ path: result.path, mtime: result.mtime, size: result.size });
          else read.push({ path: result.path, parsed: result.parsed, bytes: result.bytes });
        }
        report.read += results.length;
        report.written += read.length;
        await bulk?.beforeBatch(read.length, results.length);
        await apply(this.writer.apply({ read, seen }, fullPass ? DETAILED_CHANGES : Infinity));
      }
      for (let i = 0; i < deleted.length; i += size) {
        const batch = deleted.slice(i, i + size);
        report.deleted += batch.length;
        await apply(this.writer.apply({ read: [], deleted: batch }, DETAILED_CHANGES));
      }
    } finally {
      await reader.close();
    }
  }

  /** Folders stand for every Markdown file the store knows under them or now in them. */
  private async expand(paths: Iterable<string>): Promise<string[]> {
    const files = new Set<string>();
    for (const entry of paths) {
      if (/\.md$/i.test(entry)) {
        files.add(entry);
        continue;
      }
      const folder = entry.replace(/\/+$/, '');
      const { rows } = await this.pool.query<{ path: string }>("SELECT path FROM files WHERE path >= $1 AND path < $2 AND origin = 'folder'", [
        `${folder}/`,
        `${folder}0`,
      ]);
      for (const row of rows) files.add(row.path);
      const stack = [folder];
      while (stack.length > 0) {
        const current = stack.pop() as string;
        let entries: Dirent[];
        try {
          entries = readdirSync(path.join(this.root, current), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const item of entries) {
          if (isHidden(item.name)) continue;
          const relative = `${current}/${item.name}`;
          if (item.isDirectory()) stack.push(relative);
          else if (item.isFile() && /\.md$/i.test(item.name)) files.add(relative);
        }
      }
    }
    return [...files].sort();
  }
}

type ToRead = { path: string; hash?: Buffer | null };

const emptyReport = (): SyncReport => ({ files: 0, read: 0, written: 0, deleted: 0, changed: 0, problems: [], seconds: 0 });

/**
 * Walks the folder one folder at a time beside what the store holds of it: the files to read
 * (new, changed stat, or every one when `force`), the ones gone, and how many the store holds.
 */
async function compare(pool: pg.Pool, root: string, force: boolean, report: SyncReport): Promise<{ toRead: ToRead[]; deleted: string[]; stored: number }> {
  const toRead: ToRead[] = [];
  const deleted: string[] = [];
  let stored = 0;
  const visited = new Set<string>();
  const folders = [''];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    visited.add(folder);
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch {
      continue; // Gone meanwhile: its files are removed below, as for any folder not visited.
    }
    const { rows } = await pool.query<StoredFile>({
      name: 'sync_files_in_dir',
      text: 'SELECT path, mtime, size, hash, origin FROM files WHERE dir = $1',
      values: [folder],
    });
    const known = new Map(rows.map((row) => [row.path, row]));
    stored += rows.length;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (isHidden(entry.name)) continue;
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        folders.push(relative);
        continue;
      }
      if (!entry.isFile() || !/\.md$/i.test(entry.name)) continue;
      report.files++;
      const row = known.get(relative);
      known.delete(relative);
      // The importer's article found in the folder is read: the folder's file from now on (restat).
      if (row && !force && row.origin === 'folder') {
        let stats;
        try {
          stats = statSync(path.join(root, relative));
        } catch {
          stats = undefined;
        }
        if (stats && stats.mtimeMs === row.mtime && stats.size === row.size) continue;
      }
      toRead.push({ path: relative, hash: row?.hash });
    }
    // What the importer wrote into the store was never in the folder: not a deletion.
    for (const row of known.values()) if (row.origin === 'folder') deleted.push(row.path);
  }
  const { rows } = await pool.query<{ dir: string }>("SELECT DISTINCT dir FROM files WHERE origin = 'folder'");
  for (const { dir } of rows) {
    if (visited.has(dir)) continue;
    const gone = await pool.query<{ path: string }>("SELECT path FROM files WHERE dir = $1 AND origin = 'folder'", [dir]);
    deleted.push(...gone.rows.map((row) => row.path));
    stored += gone.rows.length;
  }
  return { toRead, deleted, stored };
}
