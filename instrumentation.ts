/**
 * Runs once when the server starts (not during `next build`): loads the content index and starts
 * the content watcher at boot, so the first reader does not wait for it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getContent } = await import('./lib/content');
    void getContent().catch((error: unknown) => console.error('[content] loading failed', error));
  }
}
