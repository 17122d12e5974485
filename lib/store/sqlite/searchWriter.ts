import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { setBulkMode } from './database';
import { fromSources, spawnFromSources } from '@/lib/store/ingest/spawnThread';

/**
 * Changes to the full-text index from one catalog update: ids to drop, then rows to add. `seq`
 * numbers the catalog's transaction (0 when it keeps no record: a first pass); `repair` marks a
 * batch that re-indexes every article the catalog has not seen confirmed (catalogWriter.ts).
 */
export interface SearchBatch {
  seq: number;
  repair?: boolean;
  deletes: number[];
  inserts: [id: number, title: string, body: string, lang: string][];
}

/** What a sink has committed: every batch up to `seq`, unless one failed since the last repair. */
export interface SearchProgress {
  committed: number;
  failed: boolean;
}

/** Where the catalog writer sends its search changes, in order. */
export interface SearchSink {
  write(batch: SearchBatch): void;
  /** How far the index is known to be in step with the catalog. */
  progress(): SearchProgress;
  /** A full pass begins (true) or ends: the index's file gets a large page cache meanwhile, and does not wait for the disk when `unsynced`. */
  bulk(on: boolean, unsynced?: boolean): void;
  /** Settles once every batch written so far is in the index. */
  drain(): Promise<void>;
  /** Settles once no more than `batches` batches written so far wait to be committed. */
  within(batches: number): Promise<void>;
  /** Every article id in the index, ascending, once every batch written so far is committed. */
  ids(): Promise<Float64Array>;
  close(): Promise<void>;
}

/**
 * FTS5 writes what it holds in memory as a new segment at every commit, whenever a row's id is
 * lower than the last one's, and once it holds more than its `hashsize` (1 MB by default);
 * segments are merged later, over and over as the index grows. A full pass's batches each span
 * every date, so each already ends a segment (see BULK_BATCH in catalogWriter.ts); during a pass,
 * batches share a transaction until it holds this many rows (fewer commits), and the larger hash
 * keeps a batch in one segment (a 4 MB hash made the pass slower at 10x).
 */
const BULK_COMMIT_ROWS = 5_000;
const BULK_HASH_BYTES = 32 * 1024 * 1024;
const DEFAULT_HASH_BYTES = 1024 * 1024;
/** A shared transaction is committed this long after its last batch at the latest: a watched change during a pass stays quick to find. */
const BULK_IDLE_COMMIT_MS = 500;

/**
 * Applies batches to the search file on this thread. Outside a full pass, each batch is one
 * transaction; during one, batches share transactions (see BULK_COMMIT_ROWS). `onCommit` is
 * called whenever every batch written so far is committed.
 */
export class SearchWriter implements SearchSink {
  private readonly insert;
  private readonly remove;
  private readonly allIds;
  private bulkMode = false;
  private openRows = 0;
  private idleCommit: NodeJS.Timeout | undefined;
  /** The last batch applied in the open transaction, and the last committed. */
  private written = 0;
  private committed = 0;
  private failed = false;

  constructor(
    private readonly db: Database,
    private readonly onCommit: () => void = () => undefined,
  ) {
    this.insert = db.prepare<[number, string, string, string]>('INSERT INTO search (rowid, title, body, lang) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare<[number]>('DELETE FROM search WHERE rowid = ?');
    this.allIds = db.prepare<[], number>('SELECT rowid FROM search ORDER BY rowid').pluck();
  }

  progress(): SearchProgress {
    return { committed: this.committed, failed: this.failed };
  }

  /**
   * Applies a batch. One that fails (a full disk, a broken file) takes back the whole open
   * transaction and throws; the index is then behind the catalog until a repair batch commits,
   * and says so in `progress()` (the catalog keeps what it has not seen confirmed).
   */
  write(batch: SearchBatch): void {
    if (batch.deletes.length === 0 && batch.inserts.length === 0 && !batch.repair) return;
    try {
      if (!this.bulkMode) {
        this.db.transaction(() => this.apply(batch))();
        this.written = Math.max(this.written, batch.seq);
        if (batch.repair) this.failed = false;
        if (!this.failed) this.committed = Math.max(this.committed, batch.seq);
        this.onCommit();
        return;
      }
      if (!this.db.inTransaction) this.db.exec('BEGIN');
      this.apply(batch);
    } catch (error) {
      this.abandon();
      throw error;
    }
    this.written = Math.max(this.written, batch.seq);
    if (batch.repair) {
      this.commit(true);
      return;
    }
    this.openRows += batch.deletes.length + batch.inserts.length;
    clearTimeout(this.idleCommit);
    if (this.openRows >= BULK_COMMIT_ROWS) this.commit();
    else this.idleCommit = setTimeout(() => this.commit(), BULK_IDLE_COMMIT_MS).unref();
  }

  /** Takes back the open transaction: its batches are not in the index. */
  private abandon(): void {
    clearTimeout(this.idleCommit);
    this.openRows = 0;
    this.failed = true;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** True while batches wait in a shared transaction. */
  get pending(): boolean {
    return this.db.inTransaction;
  }

  private apply(batch: SearchBatch): void {
    for (const id of batch.deletes) this.remove.run(id);
    // FTS5 keeps an update's rows in memory only while rowids rise; a smaller one makes it
    // write out what it holds, so rows in date order would cost a segment each.
    for (const row of [...batch.inserts].sort((a, b) => a[0] - b[0])) this.insert.run(...row);
  }

  private commit(repaired = false): void {
    clearTimeout(this.idleCommit);
    this.openRows = 0;
    try {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    } catch (error) {
      this.abandon();
      throw error;
    }
    if (repaired) this.failed = false;
    // A failure since the last repair holds back what counts as committed: its batch is not in.
    if (!this.failed) this.committed = Math.max(this.committed, this.written);
    this.onCommit();
  }

  bulk(on: boolean, unsynced = false): void {
    if (!on) this.commit();
    this.bulkMode = on;
    setBulkMode(this.db, on, 16, unsynced);
    // A config value of FTS5's: bound numbers reach SQLite as reals, which it refuses here.
    this.db.exec(`INSERT INTO search (search, rank) VALUES ('hashsize', ${on ? BULK_HASH_BYTES : DEFAULT_HASH_BYTES})`);
  }

  async drain(): Promise<void> {
    this.commit();
  }

  async within(): Promise<void> {
    // Batches are applied as they are written.
  }

  async ids(): Promise<Float64Array> {
    this.commit();
    return Float64Array.from(this.allIds.all());
  }

  async close(): Promise<void> {
    this.commit();
  }
}

/**
 * Applies batches to the search file on a thread of its own, beside the catalog writer: filling
 * the full-text index is most of the work of a first start, and the two files can be written at
 * once. Batches are applied in the order they were written.
 */
export class ThreadedSearchWriter implements SearchSink {
  private readonly worker: Worker;
  private sent = 0;
  private applied = 0;
  private state: SearchProgress = { committed: 0, failed: false };
  private readonly waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(file: string, onError: (message: string) => void) {
    this.worker = fromSources()
      ? spawnFromSources(import.meta.url, 'searchWorker.ts', { file })
      : new Worker(new URL('./searchWorker.ts', import.meta.url), { workerData: { file } });
    this.worker.on(
      'message',
      (message: { applied: number; progress: SearchProgress } | { error: string; progress: SearchProgress } | { ids: Float64Array }) => {
        if ('ids' in message) {
          this.census.shift()?.(message.ids);
          return;
        }
        this.state = message.progress;
        if ('error' in message) {
          onError(message.error);
          return;
        }
        this.applied = message.applied;
        for (const waiter of this.waiters.filter((w) => w.upTo <= this.applied)) waiter.resolve();
        this.waiters.splice(0, this.waiters.length, ...this.waiters.filter((w) => w.upTo > this.applied));
      },
    );
    this.worker.on('error', (error) => onError(`the search index's thread failed: ${error.stack ?? error.message}`));
  }

  write(batch: SearchBatch): void {
    if (batch.deletes.length === 0 && batch.inserts.length === 0 && !batch.repair) return;
    this.sent++;
    this.worker.postMessage(batch);
  }

  progress(): SearchProgress {
    return this.state;
  }

  bulk(on: boolean, unsynced = false): void {
    this.sent++;
    this.worker.postMessage({ bulk: on, unsynced });
  }

  drain(): Promise<void> {
    return this.within(0);
  }

  within(batches: number): Promise<void> {
    const upTo = this.sent - batches;
    if (this.applied >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private readonly census: ((ids: Float64Array) => void)[] = [];

  /** Asked of the index's thread, after everything sent before (messages are handled in order). */
  ids(): Promise<Float64Array> {
    return new Promise((resolve) => {
      this.census.push(resolve);
      this.worker.postMessage({ census: true });
    });
  }

  async close(): Promise<void> {
    await this.drain();
    await this.worker.terminate();
  }
}
