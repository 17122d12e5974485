/** After the content index, the search index may wait this long: the first pages come first. */
const SEARCH_INDEX_DELAY_MS = 3000;

/**
 * Runs once when the server starts (not during `next build`): loads the content index and starts
 * the content watcher at boot, so the first reader does not wait, then builds the search index
 * in the background (a search that comes sooner starts it at once). A production server also
 * hands memory back when a burst of traffic is over (lib/idleCollector.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { getContent } = await import('./lib/content');
    const { getSearch } = await import('./lib/search');
    if (process.env.NODE_ENV === 'production') (await import('./lib/idleCollector')).startIdleCollector();
    void getContent().then(
      () => setTimeout(() => void getSearch().catch((error: unknown) => console.error('[search] index build failed', error)), SEARCH_INDEX_DELAY_MS).unref(),
      (error: unknown) => console.error('[content] loading failed', error),
    );
  }
}
