import pg from 'pg';

/** Whether a DATABASE_URL names PostgreSQL (postgres:// or postgresql://). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim());
}

const INT8 = 20;
/**
 * Article ids are sort keys below 2⁵³ (lib/catalog/sortKey.ts) and counts are small: 64-bit
 * integers come back as numbers, not the strings node-postgres gives by default.
 */
export const storeTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** Names the connections in pg_stat_activity. */
  applicationName?: string;
}

/** A pool of connections to the store; a connection dropped by the server is replaced on next use. */
export function openPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'broadsheet',
    types: storeTypes,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closed (a restart) errors here; the pool drops it and makes another.
  pool.on('error', () => undefined);
  return pool;
}

/** One connection of its own (the writer's, which holds the writer lock; the change feed's, which listens). */
export function openClient(url: string, applicationName: string): pg.Client {
  return new pg.Client({ connectionString: url, application_name: applicationName, types: storeTypes });
}

/** Advisory lock keys: the store's migrations, and its one writer. */
export const MIGRATION_LOCK = 0x62_72_6f_61_64_6d; // "broadm"
export const WRITER_LOCK = 0x62_72_6f_61_64_77; // "broadw"
