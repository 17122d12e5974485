import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { siteConfig } from '@/lib/config';
import { typesetArticle } from '@/lib/rendering/markdown/typography';
import { CatalogDriver, type DriverEvents } from './catalogDriver';
import { CatalogWriter, type ChangeSet } from './catalogWriter';
import type { ChangeRecord } from '../types';
import { catalogPosition, readChangesSince } from './changeLog';
import { ContentIndex } from './contentIndex';
import { type CatalogIdentity, openCatalog } from './database';
import type { ChangeCause, PassProgress, WorkerInput, WorkerMessage } from './messages';
import { SearchWriter } from './searchWriter';
import { siteCatalogOptions } from '@/lib/store/ingest/siteOptions';
import { watchSettings } from '@/lib/store/ingest/watchSettings';
import { fromSources, spawnFromSources } from '@/lib/store/ingest/spawnThread';
import { contentDir } from '@/lib/content/contentDir';
import { formatProblem, logProblems } from '@/lib/content/problems';

export { ContentIndex } from './contentIndex';
export type { ArticleChange, ArticleState, ChangeSet } from './catalogWriter';
export type { ChangeRecord, TouchedArticle } from '../types';
export { touchedBy } from './catalogWriter';

/** A change to the catalog as the server hears of it; `set` is undefined for a large batch of a full pass. */
export interface CatalogChange {
  cause: ChangeCause;
  set: ChangeSet | undefined;
  count: number;
  /** Its number in the catalog's change log (changesSince). */
  seq: number | undefined;
}

export interface LoadedContent {
  dir: string;
  index: ContentIndex;
  /** The server's own connections to the catalog and its full-text index (reads only; the writers have their own). */
  db: Database;
  searchDb: Database;
  /** Where the catalog lives, and why elsewhere than it should when it could not. */
  file: string;
  degraded?: string;
  /** Calls back after every change the catalog applies. */
  onChange(listener: (change: CatalogChange) => void): () => void;
  /** The catalog's id and the number of its last change, as committed now. */
  position(): { id: string; seq: number };
  /** The change log after `seq`; undefined when it no longer reaches back that far. */
  changesSince(seq: number): ChangeRecord[] | undefined;
  /** Settles when the first full pass over the folder is done. */
  ready: Promise<void>;
}

const isBuild = () => process.env.NEXT_PHASE === 'phase-production-build';
const isDev = () => process.env.NODE_ENV === 'development';
const PROGRESS_LOG_MS = 10_000;

/** Logs what a watched change did, and every problem of the changed files. */
function reportChange(change: CatalogChange, ms: number): void {
  const set = change.set;
  if (!set || change.cause === 'pass') return;
  const added = set.changes.filter((c) => !c.before && c.after).length;
  const removed = set.changes.filter((c) => c.before && !c.after).length;
  const what =
    change.cause === 'schedule'
      ? 'scheduled article(s) published'
      : `file(s) changed: ${added} added, ${removed} removed, ${set.changes.length - added - removed} updated` +
        (set.authors?.length ? `, ${set.authors.length} author description(s)` : '');
  console.info(`[content] ${change.cause === 'schedule' ? set.changes.length : set.files.length} ${what} (${ms} ms)`);
  for (const problem of set.problems) console.warn(`[content] ${problem.severity} ${formatProblem(problem)}`);
}

/** A poll's rescan is told only when it found something: one every few seconds would drown the log. */
function reportPoll(progress: PassProgress, dir: string): void {
  if (!progress.done || progress.read === 0) return;
  logProblems(progress.problems);
  if (progress.moreWarnings > 0) console.warn(`[content] … and ${progress.moreWarnings} more warnings (npm run check lists them all)`);
  console.info(
    `[content] rescan of ${dir}: ${progress.read} changed file(s) read, ${progress.changed} article(s) changed (${(progress.ms / 1000).toFixed(1)} s)`,
  );
}

function createContent(): LoadedContent {
  const dir = contentDir();
  const options = siteCatalogOptions(isDev());
  const identity: CatalogIdentity = { dir, ...options };
  const opened = openCatalog(identity);
  if (opened.degraded) console.warn(`[content] ${opened.degraded}`);
  const index = new ContentIndex(opened.db, siteConfig.typographer ? typesetArticle : undefined);
  const listeners = new Set<(change: CatalogChange) => void>();
  const started = performance.now();
  let lastProgressLog = started;

  let settle: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (settle = resolve));

  const events: DriverEvents = {
    change(set, cause, ms, count, seq) {
      const change = { cause, set, count, seq };
      reportChange(change, ms);
      for (const listener of listeners) listener(change);
    },
    pass(progress: PassProgress) {
      if (progress.kind === 'poll') {
        reportPoll(progress, dir);
        if (progress.done) settle();
        return;
      }
      // A first pass is timed from the server's start (what a reader waits), a later one on its own.
      const seconds = ((progress.kind === 'start' ? performance.now() - started : progress.ms) / 1000).toFixed(1);
      if (!progress.done) {
        if (performance.now() - lastProgressLog > PROGRESS_LOG_MS) {
          lastProgressLog = performance.now();
          console.info(`[content] reading ${dir}: ${progress.read} files read, ${index.size} articles so far (${seconds} s)`);
        }
        return;
      }
      // A failed pass told its error; the site serves what the catalog holds until the retry.
      if (progress.failed) {
        settle();
        return;
      }
      logProblems(progress.problems);
      if (progress.moreWarnings > 0) console.warn(`[content] … and ${progress.moreWarnings} more warnings (npm run check lists them all)`);
      console.info(
        `[content] ${index.size} articles from ${progress.files} files in ${dir} (${seconds} s; ${progress.read} read, the rest unchanged since the catalog last saw them)`,
      );
      settle();
    },
    error(message) {
      console.error(`[content] ${message}`);
    },
    info(message) {
      console.info(`[content] ${message}`);
    },
  };

  const settings = watchSettings();
  for (const warning of settings.warnings) console.warn(`[content] ${warning}`);
  const watch = isBuild() ? 'off' : settings.mode;
  const input: WorkerInput = { file: opened.file, dir, options, watch, pollMs: settings.pollMs };
  // `next build` reads content only to prerender (off by default), in this thread and once.
  if (isBuild() || !startWorker(input, events)) {
    const driver = new CatalogDriver(new CatalogWriter(opened.db, dir, options, new SearchWriter(opened.searchDb), true), events);
    void driver.start({ watch, pollMs: settings.pollMs });
  }
  return {
    dir,
    index,
    db: opened.db,
    searchDb: opened.searchDb,
    file: opened.file,
    degraded: opened.degraded,
    ready,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    position: () => catalogPosition(opened.db),
    changesSince: (seq) => readChangesSince(opened.db, seq),
  };
}

/** Starts the catalog's writer on its own thread. False when threads are not available here. */
function startWorker(input: WorkerInput, events: DriverEvents): boolean {
  let worker: Worker;
  try {
    // From sources (npm run check, the tests), through tsx; in the server, as Next.js bundled it.
    worker = fromSources() ? spawnFromSources(import.meta.url, 'worker.ts', input) : new Worker(new URL('./worker.ts', import.meta.url), { workerData: input });
  } catch (error) {
    console.warn(`[content] the catalog cannot run on a thread of its own (${(error as Error).message}); it runs in the server's thread`);
    return false;
  }
  worker.unref();
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'change') events.change(message.set, message.cause, message.ms, message.count, message.seq);
    else if (message.type === 'pass') events.pass(message);
    else if (message.type === 'info') events.info(message.message);
    else events.error(message.message);
  });
  worker.on('error', (error) => events.error(`the catalog's thread failed: ${error.stack ?? error.message}`));
  return true;
}

// Route bundles may each carry a copy of this module; the process shares one catalog through globalThis.
const slot = Symbol.for('broadsheet.content');
type Slot = { [slot]?: LoadedContent };

/** The content catalog, opened once per server process and kept current by its writer. */
export function getContent(): LoadedContent {
  const holder = globalThis as Slot;
  holder[slot] ??= createContent();
  return holder[slot];
}

export function getIndex(): ContentIndex {
  return getContent().index;
}
