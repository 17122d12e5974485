/*
 * Indexes a bulk sync drops before writing and builds once at the end (bulkLoad.ts): adding each
 * article's ~550 tokens to the GIN index one batch at a time was most of a sync from empty (41 of
 * 73 s at 1x), and building it once from the finished table took 16 s.
 * Only indexes no statement of the writer reads are here: the writer still finds files by path
 * and key, articles by key and id, sources by hash, and list items by list while it writes.
 *
 * Each definition is the one its migration made (schema.ts; a test holds them equal), with IF
 * NOT EXISTS: building is also the repair after a sync killed between the drop and the build, run
 * by the next sync and by the store's open (indexRepair.ts). A plain CREATE INDEX is one
 * transaction: killed halfway, it leaves no index behind, valid or not.
 */

import type pg from 'pg';

/** Runs one statement (the writer's connection, or a connection of the store's open). */
export type RunSql = (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A connection of its own for building beside the first, given back when done. */
export type BuildSession = () => Promise<{ run: RunSql; release: (destroy?: boolean) => void }>;

/**
 * Build sessions on connections of `pool`, and a way to close those still building (their
 * server sessions stop within a second: client_connection_check_interval).
 */
export function poolSessions(pool: pg.Pool): { open: BuildSession; closeAll: () => void } {
  const open = new Set<pg.PoolClient>();
  const release = (client: pg.PoolClient, destroy: boolean) => {
    if (open.delete(client)) client.release(destroy);
  };
  return {
    open: async () => {
      const client = await pool.connect();
      open.add(client);
      return { run: async (text, values) => (await client.query(text, values)).rows, release: (destroy = false) => release(client, destroy) };
    },
    closeAll: () => {
      for (const client of [...open]) release(client, true);
    },
  };
}

export interface DeferredIndex {
  name: string;
  /** Its CREATE INDEX, as its migration wrote it but for IF NOT EXISTS. */
  definition: string;
  /**
   * Built after the others: the full-text index of the partitioned table, which then only
   * attaches its partitions' indexes (built side by side); dropped first, which drops theirs.
   */
  last?: true;
}

export const DEFERRED_INDEXES: readonly DeferredIndex[] = [
  { name: 'search_doc', definition: 'CREATE INDEX IF NOT EXISTS search_doc ON search USING gin (doc)', last: true },
  { name: 'search_0_doc', definition: 'CREATE INDEX IF NOT EXISTS search_0_doc ON search_0 USING gin (doc)' },
  { name: 'search_1_doc', definition: 'CREATE INDEX IF NOT EXISTS search_1_doc ON search_1 USING gin (doc)' },
  // Read by the site only (case-insensitive URLs; the articles of a file), never by the writer.
  { name: 'articles_key_lower', definition: 'CREATE INDEX IF NOT EXISTS articles_key_lower ON articles (key_lower, id)' },
  { name: 'articles_path', definition: 'CREATE INDEX IF NOT EXISTS articles_path ON articles (path)' },
];

/**
 * Memory for building them, shared by the connections building at once: a GIN build gathers
 * entries in memory up to this, then writes them into the index built so far and starts again,
 * so a large archive is merged in fewer rounds. (At 1x, with some 10 million entries, 64 MB,
 * 256 MB and 1 GB built in the same 14 to 16 s.) For the building sessions only; a server set
 * higher keeps its own.
 */
const BUILD_MEMORY_MB = 1024;

/** Those of the deferred indexes the store lacks now. */
export async function missingIndexes(run: RunSql): Promise<DeferredIndex[]> {
  const names = DEFERRED_INDEXES.map((index) => index.name);
  const rows = await run('SELECT name FROM unnest($1::text[]) AS x(name) WHERE to_regclass(name) IS NULL', [names]);
  const missing = new Set(rows.map((row) => row.name as string));
  return DEFERRED_INDEXES.filter((index) => missing.has(index.name));
}

/** Drops them (each its own statement, committed at once: a running site reads on without them, slower). */
export async function dropIndexes(run: RunSql): Promise<void> {
  for (const index of DEFERRED_INDEXES) await run(`DROP INDEX IF EXISTS ${index.name}`);
}

/** Runs `work` with this session's memory for building raised (never lowered), and a check that its client still waits. */
async function building<T>(run: RunSql, memoryMb: number, work: () => Promise<T>): Promise<T> {
  const [row] = await run("SELECT pg_size_bytes(current_setting('maintenance_work_mem')) AS bytes");
  const raised = Number(row?.bytes) < memoryMb * 1024 * 1024;
  if (raised) await run(`SET maintenance_work_mem = '${memoryMb}MB'`);
  // PostgreSQL 14 and later; an older server builds without it.
  await run("SET client_connection_check_interval = '1s'").catch(() => undefined);
  try {
    return await work();
  } finally {
    if (raised) await run('RESET maintenance_work_mem').catch(() => undefined);
    await run('RESET client_connection_check_interval').catch(() => undefined);
  }
}

/**
 * Builds the missing ones, with generous memory for these sessions only: the partitions' and
 * the b-trees on `run` and, given `another`, on a second connection at once (dealt in turn: a
 * partition each), then the full-text index of the whole table. Readers go on reading meanwhile
 * (CREATE INDEX blocks writes to its table, and the caller is the one writer); a session whose
 * client died stops building within a second, rather than holding the writer lock to the end of
 * a build nobody waits for. Returns the names built.
 */
export async function buildMissingIndexes(run: RunSql, another?: BuildSession): Promise<string[]> {
  const missing = await missingIndexes(run);
  if (missing.length === 0) return [];
  const first = missing.filter((index) => !index.last);
  const extra = another && first.length > 1 ? await another() : undefined;
  const runners = extra ? [run, extra.run] : [run];
  // Dealt in turn, so each connection starts with a partition of its own (the b-trees are small).
  const shares = runners.map((_, i) => first.filter((__, n) => n % runners.length === i));
  let failing = false;
  const memoryMb = Math.floor(BUILD_MEMORY_MB / runners.length);
  const drain = (on: RunSql, share: DeferredIndex[]) =>
    building(on, memoryMb, async () => {
      for (const index of share) if (!failing) await on(index.definition);
    }).catch((error: unknown) => {
      // The other connection ends the build it is in and starts no other.
      failing = true;
      throw error;
    });
  const settled = await Promise.allSettled(runners.map((on, i) => drain(on, shares[i] ?? [])));
  const failed = settled.find((result) => result.status === 'rejected');
  // A connection whose statement failed midway is closed rather than handed back.
  extra?.release(failed !== undefined);
  if (failed) throw failed.reason;
  const last = missing.filter((index) => index.last);
  if (last.length > 0) {
    await building(run, BUILD_MEMORY_MB, async () => {
      for (const index of last) await run(index.definition);
    });
  }
  return missing.map((index) => index.name);
}
