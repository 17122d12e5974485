import type { Problem } from '@/lib/content/problems';
import { type ContentWatcher, type WatchFailure, type WatchFunction, watchContent } from '@/lib/content/watchContent';
import { type BatchParser, type CatalogWriter, type ChangeSet, DETAILED_CHANGES, type UnreadableFolder } from './catalogWriter';
import type { ChangeCause, PassKind, PassProgress } from './messages';
import { POLL_SECONDS, type WatchMode } from '@/lib/store/ingest/watchSettings';

const MAX_TIMER = 2 ** 31 - 1;
/** Warnings kept of a pass for the log; `npm run check` lists them all. */
const WARNINGS_KEPT = 20;
/** After a rescan, the next waits at least this many times as long as it took: polling takes at most a fifth of the writer's thread. */
const POLL_IDLE_FACTOR = 4;
/**
 * Single-file updates that may fail in a row, none succeeding, before the rest of a failed batch
 * is kept whole: the cause is then not one file (a full disk, a busy database), and each try of
 * a busy database waits out its timeout.
 */
const SINGLE_FAILURES = 3;
/** The first wait before re-indexing after a failed index update, and the longest. */
const REPAIR_FIRST_MS = 1000;
const REPAIR_MAX_MS = 60_000;

/** Starts threads to read files on during a full pass; undefined where none can be started. */
export type ParserFactory = () => (BatchParser & { close(): Promise<void> }) | undefined;

export interface DriverEvents {
  /** `set` is undefined for a large batch of a pass: only its size is told. `seq`: its number in the catalog's change log. */
  change(set: ChangeSet | undefined, cause: ChangeCause, ms: number, count: number, seq: number | undefined): void;
  pass(progress: PassProgress): void;
  error(message: string): void;
  info(message: string): void;
}

export interface DriverOptions {
  /** The system's folder watch (tests hand in one that fails). */
  watch?: WatchFunction;
  /** The first wait before failed work is tried again; doubled with each failure in a row, up to `retryMaxMs`. */
  retryMs?: number;
  retryMaxMs?: number;
}

export interface StartOptions {
  /** Follow the folder by the system's notifications, by rescans every `pollMs`, or not at all. */
  watch: WatchMode;
  pollMs?: number;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const reasonOf = (error: unknown, withStack: boolean) =>
  error instanceof Error ? (withStack && error.stack ? error.stack : `${error.name}: ${error.message}`) : String(error);

/**
 * Runs a catalog writer for a server: one full pass over the folder at start (only changed files
 * are read), then the folder's changes as the watcher reports them, and future-dated articles
 * when their time comes. One thing at a time; changes reported during a long pass are applied
 * between its batches, so a new article is never held up behind a million unchanged ones.
 *
 * Nothing is dropped: where the folder cannot be watched, or the watcher fails, it is rescanned
 * periodically instead; work that fails (an update, a pass, a publication) is kept and tried
 * again with a growing wait, and changes arriving meanwhile join it.
 */
export class CatalogDriver {
  private watcher: ContentWatcher | undefined;
  private mode: WatchMode = 'off';
  private pollMs = POLL_SECONDS * 1000;
  private pollTimer: NodeJS.Timeout | undefined;
  /** Paths to apply: reported by the watcher, or back from a failed update for another try. */
  private watched = new Set<string>();
  /** Paths whose update failed, waiting for the retry. */
  private failed = new Set<string>();
  /** A full pass is wanted: the watcher lost track (`rescan`), or a poll is due (`poll`). */
  private rescan: PassKind | undefined;
  private passFailed = false;
  private publishFailed = false;
  /** Failures in a row, and retries set since the last success: the wait doubles with each retry. */
  private failures = 0;
  private retries = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryAt = 0;
  private passing = false;
  private draining = false;
  private stopped = false;
  private publicationTimer: NodeJS.Timeout | undefined;
  private unreadableTold = '';
  private readonly retryMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly writer: CatalogWriter,
    private readonly events: DriverEvents,
    private readonly parsers: ParserFactory = () => undefined,
    private readonly options: DriverOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 1000;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
  }

  /**
   * Starts: the watcher first (nothing changed during the pass is missed), then the pass. Before
   * it, the full-text index catches up with what the catalog committed and the index had not
   * confirmed when the server last stopped (a crash between the two); after it, the two are
   * compared id by id.
   */
  start(options: StartOptions): Promise<void> {
    this.mode = options.watch;
    this.pollMs = options.pollMs ?? POLL_SECONDS * 1000;
    if (this.mode === 'events') {
      const watcher = watchContent(
        this.writer.dir,
        (paths) => {
          if (paths === undefined) this.rescan = 'rescan';
          else for (const entry of paths) this.watched.add(entry);
          this.schedule();
        },
        { watch: this.options.watch, onFailure: (failure) => this.watchFailed(failure) },
      );
      if (!watcher.failure) this.watcher = watcher;
    } else if (this.mode === 'poll') {
      this.events.info(`${this.writer.dir} is rescanned every ${seconds(this.pollMs)} (BROADSHEET_WATCH=poll): only files changed since are read`);
    }
    const repaired = this.run(() => this.writer.repairSearch());
    if (repaired) this.events.error(`the search index had not confirmed ${repaired} article(s) when the server last stopped; they are indexed again`);
    this.publish();
    return this.fullPass('start');
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
      this.events.error(`comparing the search index with the catalog failed: ${reasonOf(error, true)}`);
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
    if (this.repairTimer || this.stopped) return;
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
    this.stopped = true;
    this.watcher?.close();
    clearTimeout(this.publicationTimer);
    clearTimeout(this.pollTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.repairTimer);
  }

  /** How the folder is followed now: `poll` once the watcher has failed. */
  get watchMode(): WatchMode {
    return this.mode;
  }

  /** The watcher gave up (see watchContent): said loudly, and the folder is polled from now on. */
  private watchFailed(failure: WatchFailure): void {
    this.watcher = undefined;
    this.mode = 'poll';
    this.events.error(
      `${failure.message}. Until then the whole of ${this.writer.dir} is rescanned every ${seconds(this.pollMs)} instead ` +
        `(only files changed since are read), so no change is missed; BROADSHEET_WATCH=poll chooses this from the start.`,
    );
    this.rescan = 'rescan';
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.passing || this.draining) return;
    this.draining = true;
    setImmediate(() => {
      this.draining = false;
      // A pass may have begun meanwhile; it takes the changes in between its batches.
      if (this.stopped || this.passing) return;
      if (this.rescan && !this.retryTimer) void this.fullPass(this.rescan);
      else this.applyWatched();
    });
  }

  private run<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.events.error(`update failed: ${reasonOf(error, true)}`);
      return undefined;
    }
  }

  private applyWatched(): void {
    if (this.watched.size === 0) return;
    const paths = [...this.watched];
    this.watched = new Set();
    const started = performance.now();
    try {
      this.applied(this.writer.update(paths), started);
    } catch (error) {
      const failing = paths.length === 1 ? paths : this.applyEach(paths);
      if (failing.length > 0) {
        for (const entry of failing) this.failed.add(entry);
        const which = failing.length === 1 ? (failing[0] as string) : `${failing.length} changed files (of ${paths.length})`;
        this.failedWork(`applying ${which}`, error);
      }
    }
    this.recovered();
    this.schedulePublication();
    this.checkSearch();
  }

  /**
   * A batch failed: its paths one at a time, so that a file the writer cannot take holds up no
   * other. Returns those still failing, the ones that failed last (a retry starts with the others).
   */
  private applyEach(paths: string[]): string[] {
    const failing: string[] = [];
    let succeeded = false;
    for (const [i, entry] of paths.entries()) {
      const started = performance.now();
      try {
        this.applied(this.writer.update([entry]), started);
        succeeded = true;
      } catch {
        failing.push(entry);
        if (!succeeded && failing.length >= SINGLE_FAILURES) return [...paths.slice(i + 1), ...failing];
      }
    }
    return failing;
  }

  private applied(set: ChangeSet, started: number): void {
    this.events.change(set, 'watch', Math.round(performance.now() - started), set.changes.length, set.seq);
  }

  /**
   * Work failed: it is kept (by the caller) and everything kept is tried again after a wait that
   * doubles with each retry that fails too. Changes arriving meanwhile are tried as they come, and
   * their failures join the retry already set rather than push it further off.
   */
  private failedWork(what: string, error: unknown): void {
    this.failures++;
    if (!this.retryTimer) {
      const delay = Math.min(this.retryMs * 2 ** this.retries++, this.retryMaxMs);
      this.retryAt = Date.now() + delay;
      this.retryTimer = setTimeout(() => this.retry(), delay);
      // `next build` (no watching) must not wait for it to exit.
      if (this.mode === 'off') this.retryTimer.unref();
    }
    const wait = seconds(Math.max(0, this.retryAt - Date.now()));
    this.events.error(`${what} failed (failure ${this.failures} in a row): ${reasonOf(error, this.failures === 1)}; kept, and tried again in ${wait}`);
  }

  private retry(): void {
    this.retryTimer = undefined;
    if (this.stopped) return;
    for (const entry of this.failed) this.watched.add(entry);
    this.failed.clear();
    if (this.passFailed) this.rescan ??= 'rescan';
    if (this.publishFailed) this.publish();
    this.schedule();
  }

  /** Once nothing failed is left, says so. */
  private recovered(): void {
    if (this.failures === 0 || this.failed.size > 0 || this.passFailed || this.publishFailed || this.retryTimer) return;
    this.events.info(`caught up after ${this.failures} failure(s) in a row: every change kept meanwhile is applied`);
    this.failures = 0;
    this.retries = 0;
  }

  private async fullPass(kind: PassKind): Promise<void> {
    this.passing = true;
    // This pass covers whatever rescan was asked for before it began.
    this.rescan = undefined;
    clearTimeout(this.pollTimer);
    const started = performance.now();
    let files = 0;
    let read = 0;
    let changed = 0;
    const problems: Problem[] = [];
    let warningsKept = 0;
    let moreWarnings = 0;
    // A poll reads next to nothing: no threads are started for it.
    const pool = kind === 'poll' ? undefined : this.run(() => this.parsers());
    let failed = false;
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
        // An author's description changed (issue 29) is told like an article's.
        if (batch.changes.length > 0 || batch.authors?.length) this.events.change(detailed ? batch : undefined, 'pass', ms, batch.changes.length, batch.seq);
        this.events.pass({ kind, done: false, files, read, changed, ms, problems: [], moreWarnings: 0 });
        // Watched changes go ahead of the rest of the pass.
        this.applyWatched();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }, pool);
      files = result.files;
      read = result.read;
      this.reportUnreadable(result.unreadable);
    } catch (error) {
      failed = true;
      this.passFailed = true;
      this.failedWork(`reading the content folder ${this.writer.dir}`, error);
    } finally {
      await pool?.close();
      // Done means searchable too, and, the first time, compared with the catalog.
      await this.writer.searchSettled();
      if (!failed) await this.verifySearch();
      await this.writer.searchSettled();
      this.passing = false;
    }
    this.checkSearch();
    const ms = Math.round(performance.now() - started);
    if (!failed) this.passFailed = false;
    this.events.pass({ kind, done: true, files, read, changed, ms, problems, moreWarnings, failed });
    this.recovered();
    this.schedulePublication();
    if (this.mode === 'poll' && !this.stopped) this.schedulePoll(ms);
    if (this.watched.size > 0 || (this.rescan && !this.retryTimer)) this.schedule();
  }

  /** Folders a pass could not read, told when they differ from the last pass's (a poll would repeat them every few seconds). */
  private reportUnreadable(unreadable: readonly UnreadableFolder[]): void {
    const told = unreadable.map(({ folder, reason }) => `${folder} (${reason})`).join(', ');
    if (told === this.unreadableTold) return;
    this.unreadableTold = told;
    if (told) this.events.error(`cannot read ${told} in ${this.writer.dir}: the articles under it stay as they were last read, until it can be read again`);
    else this.events.info(`every folder of ${this.writer.dir} can be read again`);
  }

  /** The next rescan, `pollMs` after this one ended (or longer, after a long one). */
  private schedulePoll(lastPassMs: number): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(
      () => {
        this.rescan ??= 'poll';
        this.schedule();
      },
      Math.max(this.pollMs, POLL_IDLE_FACTOR * lastPassMs),
    );
  }

  private publish(): void {
    let set: ChangeSet;
    try {
      set = this.writer.publishDue();
    } catch (error) {
      // Nothing is marked published until it is: the articles due are still due next time.
      this.publishFailed = true;
      this.failedWork('publishing the articles due', error);
      return;
    }
    this.publishFailed = false;
    if (set.changes.length > 0) this.events.change(set, 'schedule', 0, set.changes.length, set.seq);
    this.recovered();
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
