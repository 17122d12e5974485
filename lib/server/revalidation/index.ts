import { languages, siteConfig } from '@/lib/config';
import type { CatalogChange, LoadedContent } from '@/lib/catalog';
import { pageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { allPagesTag, sidebarTag } from '@/lib/server/pageCache/pageTags.mjs';
import { changeRefresh } from './changeTags';
import { SidebarSchedule } from './sidebarSchedule';

/** A render that began before a change and ended after its refresh was cached as if fresh: refresh once more when renders in flight are done. */
const SETTLE_MS = 1500;
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
 */
export function followContentChanges(content: LoadedContent): void {
  // `next dev` renders every request afresh; only a production server has pages to refresh.
  if (process.env.NODE_ENV === 'development') return;
  const store = pageStore();
  const sidebarRefresh = sidebarRefreshSeconds();
  const sidebarTimers = new Map<string, NodeJS.Timeout>();
  const schedule = new SidebarSchedule(sidebarRefresh * 1000);
  let lastBulk = 0;
  let bulkTimer: NodeJS.Timeout | undefined;

  const expire = (tags: readonly string[]) => {
    store.revalidateTags(tags, 'expire');
    setTimeout(() => store.revalidateTags(tags, 'expire'), SETTLE_MS).unref();
  };

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
    store.revalidateTags([allPagesTag], 'stale');
  };

  content.onChange((change: CatalogChange) => {
    if (!change.set) {
      // A large batch of a full pass: every page, at most every few seconds.
      if (Date.now() - lastBulk >= BULK_REFRESH_MS) refreshEverything();
      else bulkTimer ??= setTimeout(refreshEverything, BULK_REFRESH_MS).unref();
      return;
    }
    const { tags, sidebarLanguages } = changeRefresh(change.set, languageCodes);
    if (tags.length > 0) expire(tags);
    for (const lang of sidebarLanguages) refreshSidebars(lang);
  });
}
