/**
 * Runs once when the server starts (not during `next build`): a production server first takes
 * its cache folder, and refuses to start when another server has it (lib/server/cacheFolderLock.ts);
 * then opens the store (SQLite: the catalog of the content folder, whose writer starts at boot), so
 * the first reader does not wait, and starts what follows content changes and the threads that
 * render article bodies. A production server also hands memory back when a burst of traffic is
 * over (lib/server/idleCollector.ts), and keeps serving quietly if the pipe its log goes to closes
 * (lib/server/closedLogPipes.ts). Each request carries the address it connected from
 * (lib/server/connectingAddress.ts). What the page cache refreshes is purged from the caches in
 * front (lib/server/purge).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    (await import('./lib/server/closedLogPipes')).ignoreClosedLogPipes();
    (await import('./lib/server/connectingAddress')).stampConnectingAddresses();
    if (process.env.NODE_ENV === 'production') {
      const { defaultCacheDir } = await import('./lib/server/cacheDir');
      (await import('./lib/server/cacheFolderLock')).holdCacheFolder(defaultCacheDir());
    }
    const { getStore } = await import('./lib/store');
    const { followContentChanges } = await import('./lib/server/revalidation');
    if (process.env.NODE_ENV === 'production') (await import('./lib/server/idleCollector')).startIdleCollector();
    // Article bodies render on threads of their own, which take most of a second to load.
    void (await import('./lib/rendering/markdown/render')).renderThreadsLoaded();
    if (process.env.NODE_ENV === 'production') {
      // The caches in front (BROADSHEET_PURGE) are purged of whatever the page cache refreshes,
      // the changes caught up on below included.
      const { pageStore } = await import('./lib/server/pageCache/cacheHandler.mjs');
      (await import('./lib/server/purge')).startPurging(pageStore());
    }
    // The pages cached before a crash are brought in step with the store before the first reader.
    await followContentChanges(getStore());
  }
}
