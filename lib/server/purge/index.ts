import path from 'node:path';
import { defaultCacheDir } from '@/lib/server/cacheDir';
import type { PageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { PurgeQueue } from './queue';
import { parsePurgeTargets, PurgeSettingError } from './targets';

/** Only the site's own tags (pageTags.mjs) name pages a cache in front knows; Next's `_N_T_…` do not. */
const OWN_TAG = /^bs:/;

/**
 * Purges the caches in front (BROADSHEET_PURGE, targets.ts) of every tag the server's page cache
 * revalidates, as it revalidates it: tags it expires (a content change: the article, its lists,
 * terms, neighbours, sitemaps) are purged outright; tags it marks stale (sidebars on their
 * timer, everything after a full pass) are purged softly, so a cache keeps serving while it asks
 * again. Unacknowledged purges are kept in the cache folder across restarts (purge-queue.json).
 * Returns the queue, or undefined when no cache is configured.
 */
export function startPurging(store: PageStore, env: Readonly<Record<string, string | undefined>> = process.env): PurgeQueue | undefined {
  let targets;
  try {
    targets = parsePurgeTargets(env.BROADSHEET_PURGE, env);
  } catch (error) {
    if (!(error instanceof PurgeSettingError)) throw error;
    // The site still serves; no cache in front is purged until the setting is fixed.
    console.error(`[purge] ${error.message}: no cache in front will be purged`);
    return undefined;
  }
  if (targets.length === 0) return undefined;
  const queue = new PurgeQueue({ targets, journal: path.join(defaultCacheDir(), 'purge-queue.json') });
  store.onRevalidate((tags, mode) => {
    const own = tags.filter((tag) => OWN_TAG.test(tag));
    queue.purge(own, mode === 'expire' ? 'hard' : 'soft');
  });
  console.info(`[purge] content changes are purged from ${targets.map((target) => target.name).join(', ')}`);
  return queue;
}
