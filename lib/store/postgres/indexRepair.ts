import type pg from 'pg';
import { buildMissingIndexes, missingIndexes, poolSessions } from './deferredIndexes';
import { WriterBusy, WriterSession } from './lock';

export interface IndexRepair {
  /** The indexes built (none when none was missing, or a writer was at work). */
  done: Promise<string[]>;
  /** Stops a build under way (its connection closed: the server drops the half-built index) and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * Builds the deferred indexes (deferredIndexes.ts) a bulk sync killed between dropping and
 * building them left missing, when the store is opened: a site started after such a kill gets its
 * fast search back without waiting for the next sync. Under the writer lock, taken only if free:
 * a writer holding it is a sync, which builds them itself when it ends (and a bulk sync under way
 * wants them gone until then). Runs beside the site's reads, which stay correct meanwhile.
 */
export function repairIndexes(url: string, pool: pg.Pool): IndexRepair {
  let session: WriterSession | undefined;
  let stopped = false;
  // The second connection building beside the writer's (deferredIndexes.ts).
  const alongside = poolSessions(pool);
  const work = async (): Promise<string[]> => {
    if ((await missingIndexes(async (text, values) => (await pool.query(text, values)).rows)).length === 0) return [];
    try {
      session = await WriterSession.acquire(url, undefined, 0);
    } catch (error) {
      if (error instanceof WriterBusy) return [];
      throw error;
    }
    try {
      if (stopped) return [];
      const client = session.client;
      return await buildMissingIndexes(async (text, values) => (await client.query(text, values)).rows, alongside.open);
    } finally {
      await session.release();
    }
  };
  const done = work();
  return {
    done,
    async stop() {
      stopped = true;
      alongside.closeAll();
      await session?.client.end().catch(() => undefined);
      await done.catch(() => undefined);
    },
  };
}
