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

/** Runs one statement (the writer's connection, or a connection of the store's open). */
export type RunSql = (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface DeferredIndex {
  name: string;
  /** Its CREATE INDEX, as its migration wrote it but for IF NOT EXISTS. */
  definition: string;
}

export const DEFERRED_INDEXES: readonly DeferredIndex[] = [
  { name: 'search_doc', definition: 'CREATE INDEX IF NOT EXISTS search_doc ON search USING gin (doc)' },
  // Read by the site only (case-insensitive URLs; the articles of a file), never by the writer.
  { name: 'articles_key_lower', definition: 'CREATE INDEX IF NOT EXISTS articles_key_lower ON articles (key_lower, id)' },
  { name: 'articles_path', definition: 'CREATE INDEX IF NOT EXISTS articles_path ON articles (path)' },
];

/**
 * Memory for building them: a GIN build gathers entries in memory up to this, then writes them
 * into the index built so far and starts again, so a large archive is merged in fewer rounds.
 * (At 1x, with some 10 million entries, 64 MB, 256 MB and 1 GB built in the same 14 to 16 s.)
 * For the building session only; a server set higher keeps its own.
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

/**
 * Builds the missing ones, with generous memory for this session only. Readers go on reading
 * meanwhile (CREATE INDEX blocks writes to the table, and the caller is the one writer); a
 * session whose client died stops building within a second, rather than holding the writer lock
 * to the end of a build nobody waits for. Returns the names built.
 */
export async function buildMissingIndexes(run: RunSql): Promise<string[]> {
  const missing = await missingIndexes(run);
  if (missing.length === 0) return [];
  const [row] = await run("SELECT pg_size_bytes(current_setting('maintenance_work_mem')) AS bytes");
  const raised = Number(row?.bytes) < BUILD_MEMORY_MB * 1024 * 1024;
  if (raised) await run(`SET maintenance_work_mem = '${BUILD_MEMORY_MB}MB'`);
  // PostgreSQL 14 and later; an older server builds without it.
  await run("SET client_connection_check_interval = '1s'").catch(() => undefined);
  try {
    for (const index of missing) await run(index.definition);
  } finally {
    if (raised) await run('RESET maintenance_work_mem').catch(() => undefined);
    await run('RESET client_connection_check_interval').catch(() => undefined);
  }
  return missing.map((index) => index.name);
}
