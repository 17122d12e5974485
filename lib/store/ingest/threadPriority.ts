import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * How much lower than the server's own thread a full pass's reading threads run (parsePool.ts),
 * in nice values. They have less to do than the full-text index's thread, which at a million
 * files is the longest job of a first start, and the server's own thread answers readers
 * meanwhile: both come first, and the reading threads take what is left.
 */
export const READING_NICE = 5;

/**
 * How much lower than the server's own thread the search threads run (lib/store/sqlite/queryPool.ts).
 * A flood of searches must not slow readers of other pages: the server's own thread renders
 * those, and takes nine tenths of a core it shares with a search thread ten nice values below.
 */
export const SEARCH_NICE = 10;

/**
 * Lowers the calling thread's scheduling priority by `by` nice values from where it is, so that
 * on a busy machine it takes the time other threads leave; a server started under `nice` keeps
 * its threads as far below it. Linux gives each thread a nice value of its own; elsewhere, or
 * where it is refused, the thread stays as it is.
 */
export function lowerThreadPriority(by: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + by));
  } catch {
    // Not Linux, or not allowed: only the balance between threads changes.
  }
}
