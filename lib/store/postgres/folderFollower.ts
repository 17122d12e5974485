import { existsSync, readdirSync } from 'node:fs';
import type pg from 'pg';
import { formatProblem } from '@/lib/content/problems';
import { type ContentWatcher, watchContent } from '@/lib/content/watchContent';
import type { WatchMode } from '@/lib/store/ingest/watchSettings';
import { FolderSync, type SyncOptions, type SyncReport, SyncRefused } from './sync';

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;
const MAX_TIMER = 2 ** 31 - 1;

export interface FollowOptions extends SyncOptions {
  mode: WatchMode;
  pollMs: number;
  log?: { info(message: string): void; error(message: string): void };
}

/**
 * A server that has the content folder writes its changes into the PostgreSQL store: one
 * instance at a time, the one holding the store's writer lock (FolderSync); every other waits
 * for the lock and takes over when the holder stops (its session ends, kill -9 included). The
 * writer syncs the whole folder once it has the lock, then the paths its watcher reports (or
 * rescans, BROADSHEET_WATCH=poll, or where watching fails), and publishes future-dated articles
 * at their time. Whatever fails (the database down, a full disk) is kept and tried again.
 * A folder that is missing or looks emptied never empties the store: the sync refuses, says why,
 * and the store keeps serving as it is.
 */
export class FolderFollower {
  private sync: FolderSync | undefined;
  private watcher: ContentWatcher | undefined;
  private pending = new Set<string>();
  private rescan = true;
  /** Whether the first comparison of the whole folder with the store has been told. */
  private checked = false;
  private running = false;
  private stopped = false;
  private retryMs = RETRY_FIRST_MS;
  private timer: NodeJS.Timeout | undefined;
  private publication: NodeJS.Timeout | undefined;
  private readonly log: NonNullable<FollowOptions['log']>;

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly dir: string,
    private readonly options: FollowOptions,
  ) {
    this.log = options.log ?? { info: (message) => console.info(`[store] ${message}`), error: (message) => console.error(`[store] ${message}`) };
  }

  /** Whether a server should follow `dir` at all: a folder with something in it (an instance without one only reads the store). */
  static shouldFollow(dir: string, mode: WatchMode): boolean {
    if (mode === 'off' || !existsSync(dir)) return false;
    try {
      return readdirSync(dir).some((name) => !name.startsWith('.'));
    } catch {
      return false;
    }
  }

  start(): void {
    if (this.options.mode === 'events') {
      const watcher = watchContent(this.dir, (paths) => this.heard(paths), {
        onFailure: (failure) => {
          this.log.error(`${failure.message}; the folder is rescanned every ${this.options.pollMs / 1000} s instead`);
          this.watcher = undefined;
          this.options.mode = 'poll';
          this.heard(undefined);
        },
      });
      if (!watcher.failure) this.watcher = watcher;
    }
    this.kick(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    clearTimeout(this.timer);
    clearTimeout(this.publication);
    await this.sync?.close();
  }

  private heard(paths: string[] | undefined): void {
    if (paths === undefined) this.rescan = true;
    else for (const entry of paths) this.pending.add(entry);
    this.kick(0);
  }

  private kick(delay: number): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.work(), delay);
    this.timer.unref();
  }

  private async work(): Promise<void> {
    this.running = true;
    const paths = [...this.pending];
    const whole = this.rescan;
    this.pending.clear();
    this.rescan = false;
    try {
      if (!this.sync) {
        this.sync = await FolderSync.open(this.url, this.pool, this.dir, {
          ...this.options,
          onWaiting: () => this.log.info('another instance writes the content folder into the store; this one takes over if it stops'),
        });
        this.log.info(`this instance writes ${this.dir} into the store`);
      }
      if (whole) this.reportWhole(await this.sync.all());
      if (paths.length > 0) this.report(`${paths.length} changed path(s)`, await this.sync.paths(paths));
      const published = await this.sync.publishDue();
      if (published.changes.length > 0) this.log.info(`${published.changes.length} scheduled article(s) published`);
      this.retryMs = RETRY_FIRST_MS;
      this.schedulePublication();
      if (this.options.mode === 'poll') {
        this.rescan = true;
        this.running = false;
        this.kick(this.options.pollMs);
        return;
      }
    } catch (error) {
      // Stopped mid-write (its connection closed by stop()): the transaction rolled back, and
      // the next start compares the whole folder again. Not a failure to report.
      if (this.stopped) return;
      // Kept for the next try: nothing the watcher reported is dropped.
      for (const entry of paths) this.pending.add(entry);
      if (whole) this.rescan = true;
      if (error instanceof SyncRefused) {
        this.log.error(`${error.message}; the store keeps serving what it has`);
        // A refused folder is tried again only when it changes (or at the next poll).
        this.rescan = false;
      } else {
        this.log.error(`writing the content folder into the store failed: ${(error as Error).message}; tried again in ${this.retryMs / 1000} s`);
        await this.sync?.close().catch(() => undefined);
        this.sync = undefined;
        this.running = false;
        this.kick(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        return;
      }
    }
    this.running = false;
    if (this.pending.size > 0 || this.rescan) this.kick(0);
  }

  /**
   * The first comparison of the whole folder is told even when it changed nothing: until it ends,
   * this instance reads the whole folder beside its readers (as a SQLite server checks its files
   * at start).
   */
  private reportWhole(report: SyncReport): void {
    if (!this.checked && report.read === 0 && report.deleted === 0) {
      this.log.info(`the whole folder checked against the store: ${report.files} files, nothing changed (${report.seconds} s)`);
    }
    this.checked = true;
    this.report('the whole folder', report);
  }

  private report(what: string, report: SyncReport): void {
    if (report.read === 0 && report.deleted === 0) return;
    this.log.info(
      `${what}: ${report.read} read, ${report.written} written, ${report.deleted} removed, ${report.changed} article(s) changed (${report.seconds} s)`,
    );
    for (const problem of report.problems.slice(0, 20)) this.log.error(`${problem.severity} ${formatProblem(problem)}`);
  }

  private schedulePublication(): void {
    clearTimeout(this.publication);
    void this.sync?.nextPublication().then(
      (next) => {
        if (next === undefined || this.stopped) return;
        this.publication = setTimeout(() => this.kick(0), Math.min(Math.max(0, next - Date.now()) + 50, MAX_TIMER));
        this.publication.unref();
      },
      () => undefined,
    );
  }
}
