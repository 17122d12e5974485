import path from 'node:path';
import { defaultCacheDir } from '@/lib/server/cacheDir';
import type { PageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { PurgePolicy } from './policy';
import { PurgeQueue } from './queue';
import { parsePurgeTargets, PurgeSettingError } from './targets';

/**
 * Purges the caches in front (BROADSHEET_PURGE, targets.ts) of every tag the server's page cache
 * revalidates, as it revalidates it (a content change: the article, its lists, terms, neighbours,
 * sitemaps; sidebars on their timer; everything after a full pass): an article whose content
 * changed outright, the rest softly (policy.ts). Unacknowledged purges are kept in the cache
 * folder across restarts (purge-queue.json). Returns the queue, or undefined when no cache is
 * configured.
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
  const policy = new PurgePolicy();
  store.onRevalidate((tags, mode) => {
    const { hard, soft } = policy.modes(tags, mode);
    queue.purge(hard, 'hard');
    queue.purge(soft, 'soft');
  });
  console.info(`[purge] content changes are purged from ${targets.map((target) => target.name).join(', ')}`);
  return queue;
}
