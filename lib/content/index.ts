import { createHash } from 'node:crypto';
import path from 'node:path';
import { languages, siteConfig } from '@/lib/config';
import { requestRevalidation } from '@/lib/revalidation';
import { widgetNames } from '@/lib/widgetNames';
import { affectedPaths } from './affectedPaths';
import { contentDir } from './contentDir';
import type { ContentIndex } from './contentIndex';
import { type ChangeSet, ContentStore } from './contentStore';
import { formatProblem, logProblems } from './problems';
import { watchContent } from './watchContent';

export { ContentIndex, type Term } from './contentIndex';
export type { ArticleMeta, FrontMatter, Thumbnail } from './types';
export { type Taxonomy, taxonomies, isTaxonomy, termSlug } from './terms';

export interface LoadedContent {
  store: ContentStore;
  dir: string;
}

const languageCodes = languages.map((language) => language.code);
const isBuild = () => process.env.NEXT_PHASE === 'phase-production-build';
const isDev = () => process.env.NODE_ENV === 'development';

/** Logs what a change did, and every problem of the changed files, at once. */
function reportChange(change: ChangeSet, ms: number): void {
  const beforeFiles = new Set(change.before.map((article) => article.file));
  const afterFiles = new Set(change.after.map((article) => article.file));
  const added = change.after.filter((article) => !beforeFiles.has(article.file)).length;
  const removed = change.before.filter((article) => !afterFiles.has(article.file)).length;
  console.info(
    `[content] ${change.files.length} file(s) changed: ${added} added, ${removed} removed, ${change.after.length - added} updated (${ms} ms)`,
  );
  for (const problem of change.problems) console.warn(`[content] ${problem.severity} ${formatProblem(problem)}`);
}

/** Applies a change to the store and marks the cached pages it touched stale. */
async function applyChange(store: ContentStore, paths: string[] | undefined): Promise<void> {
  const started = performance.now();
  const change = await store.update(paths);
  reportChange(change, Math.round(performance.now() - started));
  await afterChange(store, change);
}

async function afterChange(store: ContentStore, change: ChangeSet): Promise<void> {
  schedulePublication(store);
  // `next dev` renders every request afresh; only a production server has pages to refresh.
  if (isDev() || (change.before.length === 0 && change.after.length === 0)) return;
  const revalidations = affectedPaths(change);
  await requestRevalidation(revalidations);
  // A render that began before the change and ends after the revalidation would be cached as
  // fresh; revalidating once more after in-flight renders have finished leaves none behind.
  setTimeout(() => void requestRevalidation(revalidations), SETTLE_MS).unref();
}

const SETTLE_MS = 1500;

let publicationTimer: NodeJS.Timeout | undefined;
const MAX_TIMER = 2 ** 31 - 1;

/** Articles dated in the future appear when their time comes, with no rebuild. */
function schedulePublication(store: ContentStore): void {
  clearTimeout(publicationTimer);
  if (store.nextPublication === undefined) return;
  const delay = Math.min(Math.max(0, store.nextPublication - Date.now()) + 50, MAX_TIMER);
  publicationTimer = setTimeout(() => {
    const change = store.refresh();
    if (change.after.length > 0) console.info(`[content] ${change.after.length} scheduled article(s) published`);
    void afterChange(store, change);
  }, delay);
  publicationTimer.unref();
}

/**
 * Where the content store keeps its snapshot: `.next/cache/broadsheet/` by default (next to the
 * build, where Next.js keeps its own caches), or BROADSHEET_CACHE_DIR.
 */
function snapshotFileFor(dir: string): string {
  const cacheDir =
    process.env.BROADSHEET_CACHE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'cache', 'broadsheet');
  return path.join(cacheDir, `content-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.json`);
}

async function createContent(): Promise<LoadedContent> {
  const dir = contentDir();
  const started = performance.now();
  const store = new ContentStore(dir, {
    languages: languageCodes,
    defaultLanguage: siteConfig.defaultLanguage,
    timeZone: siteConfig.timeZone,
    widgetNames,
    preview: isDev(),
    snapshotFile: snapshotFileFor(dir),
  });
  await store.loadAll();
  logProblems(store.problems());
  console.info(
    `[content] ${store.index.size} articles from ${store.fileCount} files in ${dir} (${Math.round(performance.now() - started)} ms, ${store.reusedFromSnapshot} unchanged since the last run)`,
  );

  if (!isBuild() && process.env.BROADSHEET_WATCH !== '0') {
    // Changes are applied one batch at a time, in order.
    let queue = Promise.resolve();
    watchContent(dir, (paths) => {
      queue = queue.then(() => applyChange(store, paths)).catch((error: unknown) => console.error('[content] update failed', error));
    });
    schedulePublication(store);
  }
  return { store, dir };
}

// Route bundles may each carry a copy of this module; the process shares one store through globalThis.
const slot = Symbol.for('broadsheet.content');
type Slot = { [slot]?: Promise<LoadedContent> };

/** The content store, loaded once per server process and kept current by a file watcher. */
export function getContent(): Promise<LoadedContent> {
  const holder = globalThis as Slot;
  holder[slot] ??= createContent().catch((error: unknown) => {
    // A failed load (content folder missing) is retried on the next request rather than cached.
    delete holder[slot];
    throw error;
  });
  return holder[slot];
}

export async function getIndex(): Promise<ContentIndex> {
  return (await getContent()).store.index;
}
