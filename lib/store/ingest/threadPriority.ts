import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value of a full pass's reading threads (parsePool.ts). They have less to do than the
 * full-text index's thread, which at a million files is the longest job of a first start, and
 * the server's own thread answers readers meanwhile: both come first, and the reading threads
 * take what is left.
 */
export const READING_NICE = 5;

/**
 * Lowers the calling thread's scheduling priority (raises its nice value), so that on a busy
 * machine it takes the time other threads leave. Linux gives each thread a nice value of its own;
 * elsewhere, or where it is refused, the thread stays as it is.
 */
export function lowerThreadPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed: only the balance between threads changes.
  }
}
