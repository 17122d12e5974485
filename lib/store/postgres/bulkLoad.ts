import { type BuildSession, buildMissingIndexes, dropIndexes, type RunSql } from './deferredIndexes';

/** Files to read from which a sync may write in bulk (SyncOptions.bulkFrom). */
export const BULK_FROM = 10_000;

/**
 * Whether a sync reads enough to write in bulk: at least `bulkFrom` files, and at least a fifth
 * of what the store holds. Building the deferred indexes again costs time in proportion to the
 * whole archive, so a sync that writes a small share of a large one adds to them as it goes.
 */
export function bulkWorthIt(toRead: number, stored: number, bulkFrom = BULK_FROM): boolean {
  return toRead >= bulkFrom && toRead * 5 >= stored;
}

/**
 * A sync's bulk mode: the deferred indexes (deferredIndexes.ts) dropped before the first batch
 * that writes at least half its files, and built once when the sync ends. Dropped lazily, so that
 * a checkout that touches every file (read and hashed, none written) never pays for a build. The
 * drop commits at once and every batch after it too, so a sync killed in between leaves the store
 * as correct as ever, only without those indexes: `finish` builds whichever are missing, whether
 * this sync dropped them or a killed one did.
 */
export class BulkLoad {
  private dropped = false;

  constructor(
    private readonly run: RunSql,
    private readonly eligible: boolean,
    /** A second connection, to build two of them at once. */
    private readonly another?: BuildSession,
  ) {}

  /** Before writing a batch of `size` files of which `writes` changed. */
  async beforeBatch(writes: number, size: number): Promise<void> {
    if (!this.eligible || this.dropped || writes * 2 < size) return;
    await dropIndexes(this.run);
    this.dropped = true;
  }

  /** Builds the missing indexes (this sync's drop, or a killed sync's); their names. */
  finish(): Promise<string[]> {
    return buildMissingIndexes(this.run, this.another);
  }
}
