import type pg from 'pg';
import { MIGRATION_LOCK } from './connection';
import { LATEST_VERSION, type Migration, migrations as released } from './schema';

/**
 * Brings the store's schema to the newest this code knows, each migration in its own transaction
 * and recorded in schema_migrations. Under an advisory lock, so that instances starting together
 * apply each migration once; a store migrated by newer code than this is refused, not guessed at.
 * Returns the versions applied.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = released): Promise<number[]> {
  // In version order, whatever order they are listed in; numbers may skip (another branch's are merged later).
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? LATEST_VERSION;
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      const done = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...rows.map((row) => row.version));
      if (newest > latest) {
        throw new Error(
          `the store's schema is version ${newest}, newer than this code knows (${latest}): run the newer version of the site, or a store of its own`,
        );
      }
      // Every version not applied yet, lower ones first: a store at 5 still gets 3 and 4 once they exist.
      for (const migration of ordered) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
