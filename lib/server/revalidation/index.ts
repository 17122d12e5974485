import { languages, siteConfig } from '@/lib/config';
import type { ChangeFeed, ChangeRecord } from '@/lib/store';
import { type AppliedChange, type PageStore, pageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { allPagesTag, sidebarTag } from '@/lib/server/pageCache/pageTags.mjs';
import { changeRefresh } from './changeTags';
import { SidebarSchedule } from './sidebarSchedule';

/** During a full pass (a first start), everything is refreshed at most this often. */
const BULK_REFRESH_MS = 5000;

const languageCodes = languages.map((language) => language.code);

/** sidebarRefresh from site.config.ts, or BROADSHEET_SIDEBAR_REFRESH (seconds) set for this server. */
function sidebarRefreshSeconds(): number {
  const override = Number(process.env.BROADSHEET_SIDEBAR_REFRESH);
  return process.env.BROADSHEET_SIDEBAR_REFRESH && Number.isFinite(override) && override >= 0 ? override : siteConfig.sidebarRefresh;
}

/**
 * Keeps the server's page cache in step with the catalog. A change marks the pages it touched
 * expired at once (their next request renders them afresh): the article, the same path in other
 * languages, its pager neighbours, its language's home and lists, every page of its terms and
 * the term indexes. Every other page of the language is marked stale between half of
 * `sidebarRefresh` and all of it, in groups spread over that time (sidebarSchedule.ts), once for all the changes in
 * between, and renders afresh in the background while it is still served. The article's social
 * image and its language's sitemaps expire with it. Feeds and search read the catalog per request
 * and need nothing.
 *
 * The page cache records the last change it applied, in the same transaction as the tags; at
 * start, the changes the catalog committed after it (a crash between the catalog's commit and
 * the cache's) are applied first, from the catalog's change log. A cache that cannot name them
 * all (a rebuilt catalog, a log that no longer reaches back) expires every page.
 */
export async function followContentChanges(content: ChangeFeed, store: PageStore = pageStore()): Promise<void> {
  // `next dev` renders every request afresh; only a production server has pages to refresh.
  if (process.env.NODE_ENV === 'development') return;
  const sidebarRefresh = sidebarRefreshSeconds();
  const sidebarTimers = new Map<string, NodeJS.Timeout>();
  const schedule = new SidebarSchedule(sidebarRefresh * 1000);
  const catalog = (await content.position()).id;
  let lastBulk = 0;
  let bulkTimer: NodeJS.Timeout | undefined;
  /** The newest change seen, and whether a refresh of everything it asked for is still to come. */
  let seen = store.appliedChange()?.seq ?? 0;
  let bulkPending = false;

  const mark = (): AppliedChange | undefined => (bulkPending ? undefined : { catalog, seq: seen });

  // Once: a render in flight across the change is dated by when it began, so it is kept as
  // outdated and fetched again by the caches in front (pageCache/renderStarts.mjs).
  const expire = (tags: readonly string[]) => store.revalidateTags(tags, 'expire', mark());

  const refreshSidebars = (lang: string) => {
    if (sidebarRefresh === 0) {
      store.revalidateTags([allPagesTag], 'stale');
      return;
    }
    for (const [group, delay] of schedule.delays(lang, Date.now()).entries()) {
      const tag = sidebarTag(lang, group);
      if (sidebarTimers.has(tag)) continue;
      const timer = setTimeout(() => {
        sidebarTimers.delete(tag);
        schedule.refreshed(lang, group, Date.now());
        store.revalidateTags([tag], 'stale');
      }, delay);
      timer.unref();
      sidebarTimers.set(tag, timer);
    }
  };

  const refreshEverything = () => {
    clearTimeout(bulkTimer);
    bulkTimer = undefined;
    lastBulk = Date.now();
    bulkPending = false;
    store.revalidateTags([allPagesTag], 'stale', mark());
  };

  const apply = (record: ChangeRecord) => {
    seen = Math.max(seen, record.seq);
    if ('bulk' in record) {
      // A large batch of a full pass: every page, at most every few seconds.
      bulkPending = true;
      if (Date.now() - lastBulk >= BULK_REFRESH_MS) refreshEverything();
      else bulkTimer ??= setTimeout(refreshEverything, BULK_REFRESH_MS).unref();
      return;
    }
    const { tags, sidebarLanguages } = changeRefresh(record.touched, languageCodes, record.authors);
    if (tags.length > 0) expire(tags);
    for (const lang of sidebarLanguages) refreshSidebars(lang);
  };

  // Changes heard while catching up are applied after it, in order: each applied twice at most.
  const heard: ChangeRecord[] = [];
  let caughtUp = false;
  content.onChange((record) => (caughtUp ? apply(record) : heard.push(record)));
  await catchUp(content, store, catalog, apply);
  caughtUp = true;
  for (const record of heard) apply(record);
}

/** Applies the changes the catalog committed after the last one the page cache applied. */
async function catchUp(content: ChangeFeed, store: PageStore, catalog: string, apply: (record: ChangeRecord) => void): Promise<void> {
  const position = await content.position();
  const applied = store.appliedChange();
  // A new page cache holds nothing from before: there is nothing to catch up on.
  if (!applied) {
    store.revalidateTags([], 'stale', { catalog, seq: position.seq });
    return;
  }
  const missed = applied.catalog === catalog ? await content.changesSince(applied.seq) : undefined;
  if (!missed) {
    console.warn('[page cache] the catalog was rebuilt, or changed more than its log keeps, since the pages were cached: every page is rendered afresh');
    store.revalidateTags([allPagesTag], 'expire', { catalog, seq: position.seq });
    return;
  }
  if (missed.length > 0) console.info(`[page cache] applying ${missed.length} change(s) the catalog made after the pages were last refreshed`);
  for (const record of missed) apply(record);
}
