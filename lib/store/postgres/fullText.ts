import type pg from 'pg';
import { languageToken } from '@/lib/search/ftsText';
import type { FullTextIndex, MatchQuery } from '@/lib/store/types';
import { toTsquery } from './tsquery';

/**
 * The newest entries tried first for a page near the top: a common term fills its first page
 * from them, reading a few entries instead of all its matches. Only for pages that end within
 * PROBE_DEPTH results; the rest, and a probe that falls short, go through the index.
 */
const PROBE_ROWS = 200;
const PROBE_DEPTH = 20;

/**
 * The full-text index in PostgreSQL: a GIN index over each article's tsvector (searchDocument.ts),
 * queried with tsquery (tsquery.ts). Results come newest first, which is the order of the ids.
 */
export class PostgresFullText implements FullTextIndex {
  constructor(private readonly pool: pg.Pool) {}

  private async column<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<R[]> {
    return (await this.pool.query<R>({ name, text, values })).rows;
  }

  async count(query: MatchQuery): Promise<number> {
    const { match, lang } = toTsquery(query);
    if (match === 'none') return 0;
    if (match === 'every') {
      const rows = await this.column<{ n: number }>('search_count_all', 'SELECT count(*)::int8 AS n FROM search WHERE $1::text IS NULL OR lang = $1', [
        lang ?? null,
      ]);
      return rows[0]?.n ?? 0;
    }
    const rows = await this.column<{ n: number }>('search_count', 'SELECT search_count($1::tsquery, $2::text) AS n', [match.tsquery, lang ?? null]);
    return rows[0]?.n ?? 0;
  }

  async ids(query: MatchQuery, limit: number, offset: number): Promise<number[]> {
    const { match, lang } = toTsquery(query);
    const skip = Math.max(0, offset);
    if (match === 'none' || limit <= 0) return [];
    if (match === 'every') {
      const rows = await this.column<{ id: number }>(
        'search_ids_all',
        'SELECT id FROM search WHERE $1::text IS NULL OR lang = $1 ORDER BY id DESC LIMIT $2 OFFSET $3',
        [lang ?? null, limit, skip],
      );
      return rows.map((row) => row.id);
    }
    if (skip + limit <= PROBE_DEPTH) {
      const probe = await this.column<{ id: number }>(
        'search_ids_probe',
        `SELECT id FROM (SELECT id, lang, doc FROM search ORDER BY id DESC LIMIT ${PROBE_ROWS}) newest
         WHERE doc @@ $1::tsquery AND ($2::text IS NULL OR lang = $2) ORDER BY id DESC LIMIT $3 OFFSET $4`,
        [match.tsquery, lang ?? null, limit, skip],
      );
      if (probe.length === limit) return probe.map((row) => row.id);
    }
    const rows = await this.column<{ id: number }>('search_ids', 'SELECT search_ids($1::tsquery, $2::text, $3, $4) AS id', [
      match.tsquery,
      lang ?? null,
      limit,
      skip,
    ]);
    return rows.map((row) => row.id);
  }

  async inLanguage(ids: readonly number[], lang: string): Promise<number[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ id: number }>({
      name: 'search_in_language',
      text: 'SELECT id FROM search WHERE id = ANY($1::int8[]) AND lang = $2 ORDER BY id DESC',
      values: [ids, languageToken(lang)],
    });
    return rows.map((row) => row.id);
  }

  async titles(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: number; meta: string }>({
      name: 'search_titles',
      text: 'SELECT id, meta FROM articles WHERE id = ANY($1::int8[])',
      values: [ids],
    });
    return new Map(rows.map((row) => [row.id, (JSON.parse(row.meta) as { title: string }).title]));
  }
}
