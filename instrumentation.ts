/**
 * Runs once when the server starts (not during `next build`): opens the content catalog and
 * starts its writer at boot, so the first reader does not wait, and starts what follows content
 * changes. A production server also hands memory back when a burst of traffic is over
 * (lib/server/idleCollector.ts), and keeps serving quietly if the pipe its log goes to closes
 * (lib/server/closedLogPipes.ts). Each request carries the address it connected from
 * (lib/server/connectingAddress.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    (await import('./lib/server/closedLogPipes')).ignoreClosedLogPipes();
    (await import('./lib/server/connectingAddress')).stampConnectingAddresses();
    const { getContent } = await import('./lib/catalog');
    const { followContentChanges } = await import('./lib/server/revalidation');
    if (process.env.NODE_ENV === 'production') (await import('./lib/server/idleCollector')).startIdleCollector();
    followContentChanges(getContent());
  }
}
