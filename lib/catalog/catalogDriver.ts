import type { Problem } from '@/lib/content/problems';
import { type ContentWatcher, watchContent } from '@/lib/content/watchContent';
import { type BatchParser, type CatalogWriter, type ChangeSet, DETAILED_CHANGES } from './catalogWriter';
import type { ChangeCause, PassProgress } from './messages';

const MAX_TIMER = 2 ** 31 - 1;
/** The first wait before re-indexing after a failed index update, and the longest. */
const REPAIR_FIRST_MS = 1000;
const REPAIR_MAX_MS = 60_000;
/** Warnings kept of a pass for the log; `npm run check` lists them all. */
const WARNINGS_KEPT = 20;

/** Starts threads to read files on during a full pass; undefined where none can be started. */
export type ParserFactory = () => (BatchParser & { close(): Promise<void> }) | undefined;

export interface DriverEvents {
  /** `set` is undefined for a large batch of a pass: only its size is told. `seq`: its number in the catalog's change log. */
  change(set: ChangeSet | undefined, cause: ChangeCause, ms: number, count: number, seq: number | undefined): void;
  pass(progress: PassProgress): void;
  error(message: string): void;
}

/**
 * Runs a catalog writer for a server: one full pass over the folder at start (only changed files
 * are read), then the folder's changes as the watcher reports them, and future-dated articles
 * when their time comes. One thing at a time; changes reported during a long pass are applied
 * between its batches, so a new article is never held up behind a million unchanged ones.
 */
export class CatalogDriver {
  private watcher: ContentWatcher | undefined;
  private watched = new Set<string>();
  private rescan = false;
  private passing = false;
  private draining = false;
  private publicationTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly writer: CatalogWriter,
    private readonly events: DriverEvents,
    private readonly parsers: ParserFactory = () => undefined,
  ) {}

  /**
   * Starts: the watcher first (nothing changed during the pass is missed), then the pass. Before
   * it, the full-text index catches up with what the catalog committed and the index had not
   * confirmed when the server last stopped (a crash between the two); after it, the two are
   * compared id by id.
   */
  async start(options: { watch: boolean }): Promise<void> {
    if (options.watch) {
      this.watcher = watchContent(this.writer.dir, (paths) => {
        if (paths === undefined) this.rescan = true;
        else for (const entry of paths) this.watched.add(entry);
        this.schedule();
      });
    }
    const repaired = this.run(() => this.writer.repairSearch());
    if (repaired) this.events.error(`the search index had not confirmed ${repaired} article(s) when the server last stopped; they are indexed again`);
    this.publish();
    await this.fullPass();
  }

  private verified = false;

  /** Once per start, after the first pass: the index and the catalog compared id by id. */
  private async verifySearch(): Promise<void> {
    if (this.verified) return;
    this.verified = true;
    try {
      const { missing, extra } = await this.writer.verifySearch();
      if (missing + extra > 0) this.events.error(`the search index differed from the catalog (${missing} missing, ${extra} no longer published); repaired`);
    } catch (error) {
      this.events.error(`comparing the search index with the catalog failed: ${(error as Error).stack ?? error}`);
    }
  }

  private repairTimer: NodeJS.Timeout | undefined;
  private repairDelay = REPAIR_FIRST_MS;

  /**
   * The full-text index failed an update (a full disk): what it had not confirmed is indexed
   * again after a wait, which doubles while it keeps failing. Nothing is lost meanwhile: the
   * catalog keeps every article the index has not confirmed (catalogWriter.ts, repairSearch).
   */
  searchFailed(): void {
    if (this.repairTimer) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = undefined;
      const count = this.run(() => this.writer.repairSearch());
      if (count) this.events.error(`the search index fell behind; ${count} article(s) indexed again`);
    }, this.repairDelay);
    this.repairTimer.unref();
    this.repairDelay = Math.min(this.repairDelay * 2, REPAIR_MAX_MS);
  }

  /** After an update: a failure the index reported in this thread is repaired; none, and the wait starts short again. */
  private checkSearch(): void {
    const failure = this.writer.takeSearchError();
    if (failure) this.events.error(failure);
    if (this.writer.searchBehind) this.searchFailed();
    else this.repairDelay = REPAIR_FIRST_MS;
  }

  stop(): void {
    this.watcher?.close();
    clearTimeout(this.publicationTimer);
  }

  private schedule(): void {
    if (this.passing || this.draining) return;
    this.draining = true;
    setImmediate(() => {
      this.draining = false;
      if (this.rescan) {
        this.rescan = false;
        void this.fullPass();
      } else {
        this.applyWatched();
      }
    });
  }

  private run<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.events.error(`update failed: ${(error as Error).stack ?? error}`);
      return undefined;
    }
  }

  private applyWatched(): void {
    if (this.watched.size === 0) return;
    const paths = [...this.watched];
    this.watched = new Set();
    const started = performance.now();
    const set = this.run(() => this.writer.update(paths));
    if (set) this.events.change(set, 'watch', Math.round(performance.now() - started), set.changes.length, set.seq);
    this.schedulePublication();
    this.checkSearch();
  }

  private async fullPass(): Promise<void> {
    this.passing = true;
    const started = performance.now();
    let files = 0;
    let read = 0;
    let changed = 0;
    const problems: Problem[] = [];
    let warningsKept = 0;
    let moreWarnings = 0;
    const pool = this.run(() => this.parsers());
    try {
      const result = await this.writer.reconcile(async (batch) => {
        read += batch.files.length;
        changed += batch.changes.length;
        for (const problem of batch.problems) {
          if (problem.severity === 'error') problems.push(problem);
          else if (warningsKept < WARNINGS_KEPT) {
            problems.push(problem);
            warningsKept++;
          } else {
            moreWarnings++;
          }
        }
        const ms = Math.round(performance.now() - started);
        const detailed = batch.changes.length <= DETAILED_CHANGES;
        if (batch.changes.length > 0) this.events.change(detailed ? batch : undefined, 'pass', ms, batch.changes.length, batch.seq);
        this.events.pass({ done: false, files, read, changed, ms, problems: [], moreWarnings: 0 });
        // Watched changes go ahead of the rest of the pass.
        this.applyWatched();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }, pool);
      files = result.files;
      read = result.read;
    } catch (error) {
      this.events.error(`reading the content folder failed: ${(error as Error).stack ?? error}`);
    } finally {
      await pool?.close();
      // Done means searchable too.
      await this.writer.searchSettled();
      await this.verifySearch();
      await this.writer.searchSettled();
      this.passing = false;
    }
    this.events.pass({ done: true, files, read, changed, ms: Math.round(performance.now() - started), problems, moreWarnings });
    this.schedulePublication();
    if (this.watched.size > 0 || this.rescan) this.schedule();
  }

  private publish(): void {
    const set = this.run(() => this.writer.publishDue());
    if (set && set.changes.length > 0) this.events.change(set, 'schedule', 0, set.changes.length, set.seq);
  }

  /** Articles dated in the future appear when their time comes, with no rebuild. */
  private schedulePublication(): void {
    clearTimeout(this.publicationTimer);
    const next = this.run(() => this.writer.nextPublication());
    if (next === undefined) return;
    const delay = Math.min(Math.max(0, next - Date.now()) + 50, MAX_TIMER);
    this.publicationTimer = setTimeout(() => {
      this.publish();
      this.schedulePublication();
    }, delay);
    this.publicationTimer.unref();
  }
}
