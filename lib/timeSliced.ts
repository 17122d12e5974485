/** How long bulk work may hold the event loop before requests get a turn. */
const SLICE_MS = 8;

/**
 * Calls `work` for each item, yielding to the event loop every few milliseconds: loading or
 * indexing an archive in the server process never makes a reader's request wait behind it for
 * longer than one slice.
 */
export async function forEachTimeSliced<T>(items: readonly T[], work: (item: T) => void): Promise<void> {
  let sliceStart = performance.now();
  for (const item of items) {
    work(item);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
