import pg from 'pg';

export { isPostgresUrl } from './url';

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

/** SQLSTATE classes and codes that mean the database cannot be reached now, not that a query is wrong. */
const UNREACHABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53000']);
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether an error from node-postgres says the database is down or unreachable (try again later), rather than a fault in a query. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (UNREACHABLE_ERRNOS.has(code) || UNREACHABLE_STATES.has(code) || code.startsWith('08'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(
    message,
  );
}
