import type pg from 'pg';
import { languageToken } from '@/lib/search/ftsText';
import type { FullTextIndex, MatchQuery } from '@/lib/store/types';
import { type RenderedQuery, toTsquery } from './tsquery';

/** The WHERE clause of a rendered query and its parameters, from $1 on; a statement name for each shape. */
function where(rendered: RenderedQuery): { shape: string; clause: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  let shape = '';
  if (typeof rendered.match === 'object') {
    values.push(rendered.match.tsquery);
    conditions.push(`doc @@ $${values.length}::tsquery`);
    shape += 'q';
  }
  if (rendered.lang !== undefined) {
    values.push(rendered.lang);
    conditions.push(`lang = $${values.length}`);
    shape += 'l';
  }
  return { shape, clause: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values };
}

/**
 * The full-text index in PostgreSQL: a GIN index over each article's tsvector (searchDocument.ts),
 * queried with tsquery (tsquery.ts). Results come newest first, which is the order of the ids.
 */
export class PostgresFullText implements FullTextIndex {
  constructor(private readonly pool: pg.Pool) {}

  async count(query: MatchQuery): Promise<number> {
    const rendered = toTsquery(query);
    if (rendered.match === 'none') return 0;
    const { shape, clause, values } = where(rendered);
    const { rows } = await this.pool.query<{ n: number }>({ name: `search_count_${shape}`, text: `SELECT count(*)::int8 AS n FROM search ${clause}`, values });
    return rows[0]?.n ?? 0;
  }

  async ids(query: MatchQuery, limit: number, offset: number): Promise<number[]> {
    const rendered = toTsquery(query);
    if (rendered.match === 'none' || limit <= 0) return [];
    const { shape, clause, values } = where(rendered);
    const n = values.length;
    const { rows } = await this.pool.query<{ id: number }>({
      name: `search_ids_${shape}`,
      text: `SELECT id FROM search ${clause} ORDER BY id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      values: [...values, limit, Math.max(0, offset)],
    });
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
