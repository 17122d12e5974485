/**
 * Runs once when the server starts (not during `next build`): loads the content index, starts
 * the content watcher and builds the search index at boot, so the first reader does not wait.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { getSearch } = await import('./lib/search');
    void getSearch().catch((error: unknown) => console.error('[content] loading failed', error));
  }
}
