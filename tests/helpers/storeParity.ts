import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * What a catalog publishes, engine-neutral: articles (id, key, metadata, published text), lists
 * with counts and names, and every file's key, duplicate, held state and problems. Two engines
 * given the same folder must give the same.
 */
export interface Published {
  articles: { id: number; key: string; meta: unknown; source: string }[];
  lists: { lang: string; kind: string; slug: string; name: string; count: number }[];
  files: { path: string; key: string | null; dup_of: string | null; held: boolean; problems: unknown }[];
}

const byString =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function publishedBySqlite(db: Database.Database): Published {
  const articles = db
    .prepare<[], { id: number; key: string; meta: string; bytes: Buffer }>(
      'SELECT a.id, a.key, a.meta, s.bytes FROM articles a JOIN sources s ON s.id = a.id ORDER BY a.id',
    )
    .all()
    .map((row) => ({ id: row.id, key: row.key, meta: JSON.parse(row.meta), source: row.bytes.toString('utf8') }));
  const lists = db
    .prepare<[], Published['lists'][number]>('SELECT lang, kind, slug, name, count FROM lists WHERE count > 0')
    .all()
    .sort(byString((l) => `${l.lang}\u0000${l.kind}\u0000${l.slug}`));
  const files = db
    .prepare<[], { path: string; key: string | null; dup_of: string | null; held: number; problems: string | null }>(
      'SELECT path, key, dup_of, held, problems FROM files',
    )
    .all()
    .map((row) => ({ path: row.path, key: row.key, dup_of: row.dup_of, held: row.held === 1, problems: row.problems ? JSON.parse(row.problems) : null }))
    .sort(byString((f) => f.path));
  return { articles, lists, files };
}

export async function publishedByPostgres(pool: pg.Pool): Promise<Published> {
  const articles = (
    await pool.query<{ id: number; key: string; meta: string; bytes: Buffer }>(
      'SELECT a.id, a.key, a.meta, s.bytes FROM articles a JOIN sources s ON s.hash = a.hash ORDER BY a.id',
    )
  ).rows.map((row) => ({ id: row.id, key: row.key, meta: JSON.parse(row.meta), source: row.bytes.toString('utf8') }));
  const lists = (await pool.query<Published['lists'][number]>('SELECT lang, kind, slug, name, count FROM lists WHERE count > 0')).rows.sort(
    byString((l) => `${l.lang}\u0000${l.kind}\u0000${l.slug}`),
  );
  const files = (
    await pool.query<{ path: string; key: string | null; dup_of: string | null; held: boolean; problems: string | null }>(
      'SELECT path, key, dup_of, held, problems FROM files',
    )
  ).rows
    .map((row) => ({ ...row, problems: row.problems ? JSON.parse(row.problems) : null }))
    .sort(byString((f) => f.path));
  return { articles, lists, files };
}
