import type pg from 'pg';
import { languageToken } from '@/lib/search/ftsText';
import type { FullTextIndex, MatchQuery } from '@/lib/store/types';
import { anyTitleLexemes, TitleStatisticsReader, UNINFORMED_WALK, walkLength } from './titleProbe';
import { toTsquery } from './tsquery';

/**
 * The newest entries tried first for a page near the top: a common term fills its first page
 * from them, reading a few entries instead of all its matches. Only for pages that end within
 * PROBE_DEPTH results; the rest, and a probe that falls short, go through the index.
 */
const PROBE_ROWS = 200;
const PROBE_DEPTH = 20;

/**
 * A query of titles alone near the top (related articles' windows: the newest titles holding any
 * of a few words) may walk the newest titles first, in their own narrow table (migration 9), as
 * long as titleProbe.ts judges the words common enough; the rest go through the index.
 */
const TITLE_PROBE_DEPTH = 500;

/**
 * The full-text index in PostgreSQL: a GIN index over each article's tsvector (searchDocument.ts),
 * queried with tsquery (tsquery.ts). Results come newest first, which is the order of the ids.
 */
export class PostgresFullText implements FullTextIndex {
  private readonly titleStatistics: TitleStatisticsReader;

  /** `walk`: how many of the newest titles to walk before the index (titleProbe.ts; a test may choose). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly walk: typeof walkLength = walkLength,
  ) {
    this.titleStatistics = new TitleStatisticsReader(pool);
  }

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
    if (skip + limit <= TITLE_PROBE_DEPTH && answeredByTitles(query)) {
      const lexemes = anyTitleLexemes(query);
      const walk = lexemes ? this.walk(lexemes, skip + limit, await this.titleStatistics.get()) : UNINFORMED_WALK;
      if (walk > 0) {
        const probe = await this.column<{ id: number }>(
          'titles_ids_probe',
          `SELECT id FROM (SELECT id, lang, doc FROM titles ORDER BY id DESC LIMIT $5) newest
           WHERE doc @@ $1::tsquery AND ($2::text IS NULL OR lang = $2) ORDER BY id DESC LIMIT $3 OFFSET $4`,
          [match.tsquery, lang ?? null, limit, skip, walk],
        );
        if (probe.length === limit) return probe.map((row) => row.id);
      }
    } else if (skip + limit <= PROBE_DEPTH) {
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
      text: 'SELECT id FROM titles WHERE id = ANY($1::int8[]) AND lang = $2 ORDER BY id DESC',
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

/**
 * Whether `titles` answers the query as `search` would: every token it names is in the title
 * (marked lexemes, all a row of `titles` holds), and a language only at its top, where it is a
 * column of both tables. A token of the whole text, or a negation of one, needs the whole entry.
 */
function answeredByTitles(query: MatchQuery): boolean {
  if ('lang' in query) return true;
  if ('all' in query) return query.all.every(answeredByTitles);
  return inTitle(query, false);
}

function inTitle(query: MatchQuery, within: boolean): boolean {
  if ('token' in query) return within;
  if ('title' in query) return inTitle(query.title, true);
  if ('all' in query) return query.all.every((part) => inTitle(part, within));
  if ('any' in query) return query.any.every((part) => inTitle(part, within));
  if ('but' in query) return query.but.every((part) => inTitle(part, within));
  return false;
}
