/**
 * Runs once when the server starts (not during `next build`): a production server first takes
 * its cache folder, and refuses to start when another server has it (lib/server/cacheFolderLock.ts);
 * then opens the content catalog and starts its writer at boot, so the first reader does not
 * wait, and starts what follows content changes and the threads that render article bodies. A
 * production server also hands memory back when a burst of traffic is over
 * (lib/server/idleCollector.ts), and keeps serving quietly if the pipe its log goes to closes
 * (lib/server/closedLogPipes.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    (await import('./lib/server/closedLogPipes')).ignoreClosedLogPipes();
    if (process.env.NODE_ENV === 'production') {
      const { defaultCacheDir } = await import('./lib/catalog/database');
      (await import('./lib/server/cacheFolderLock')).holdCacheFolder(defaultCacheDir());
    }
    const { getContent } = await import('./lib/catalog');
    const { followContentChanges } = await import('./lib/server/revalidation');
    if (process.env.NODE_ENV === 'production') (await import('./lib/server/idleCollector')).startIdleCollector();
    followContentChanges(getContent());
    // Article bodies render on threads of their own, which take most of a second to load.
    void (await import('./lib/rendering/markdown/render')).renderThreadsLoaded();
  }
}
