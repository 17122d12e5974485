import type pg from 'pg';
import type { MatchQuery } from '@/lib/store/types';
import { TITLE_MARK } from './searchDocument';

/*
 * How the newest titles holding any of some words are read (related articles' windows), chosen
 * by how common the words are. Two ways, each cheap where the other is not:
 * - walking `titles` (migration 9) newest first: about 1 µs a title, so cheap when the words are
 *   common (240 matches within a few thousand titles) and ruinous when they are rare;
 * - the full-text index: it reads every title holding any of the words and sorts them, about
 *   0.7 µs a match (50 ms for words in 100,000 titles), so cheap when they are rare.
 * How common each word is comes from PostgreSQL's own statistics of `titles.doc` (the 1,000
 * commonest title words and their shares, refreshed by ANALYZE); a word not among them is rarer
 * than all of them (PostgreSQL's own estimate: half the rarest one's share).
 */

/** Measured at a million articles (docs/benchmarks.md): a title walked, and a match read through the index. */
const WALK_COST = 1;
const MATCH_COST = 0.7;
/** Never walk more than this many titles, whatever the statistics say. */
export const MAX_WALK = 20_000;
/** Without statistics (a new store), a walk this long is tried first, then the index. */
export const UNINFORMED_WALK = 2000;
/** Statistics change slowly: read again after this long. */
const REFRESH_MS = 10 * 60_000;

export interface TitleStatistics {
  /** Share of titles holding each common lexeme (TITLE_MARK + token). */
  shares: Map<string, number>;
  /** The share assumed for any other lexeme. */
  other: number;
  /** Titles in the table, as PostgreSQL last counted. */
  rows: number;
}

/**
 * How many of the newest titles to walk for `wanted` matches of any of `lexemes`, or 0 to go
 * straight to the index. The walk reads twice the titles expected to hold `wanted` matches.
 */
export function walkLength(lexemes: readonly string[], wanted: number, stats: TitleStatistics | undefined): number {
  if (!stats) return UNINFORMED_WALK;
  const share = Math.min(
    1,
    lexemes.reduce((sum, lexeme) => sum + (stats.shares.get(lexeme) ?? stats.other), 0),
  );
  if (share <= 0) return 0;
  const walk = Math.ceil((2 * wanted) / share);
  const matches = share * stats.rows;
  return walk <= MAX_WALK && walk * WALK_COST < matches * MATCH_COST ? walk : 0;
}

/** The title lexemes of a query that is any of some whole title tokens (related articles' shape), else undefined. */
export function anyTitleLexemes(query: MatchQuery): string[] | undefined {
  if (!('title' in query)) return undefined;
  const inner = query.title;
  const parts = 'any' in inner ? inner.any : [inner];
  const lexemes: string[] = [];
  for (const part of parts) {
    if (!('token' in part) || part.prefix) return undefined;
    lexemes.push(TITLE_MARK + part.token);
  }
  return lexemes;
}

/** PostgreSQL's statistics of `titles.doc`, read once and again every REFRESH_MS; undefined until ANALYZE has run. */
export class TitleStatisticsReader {
  private kept: { at: number; stats: Promise<TitleStatistics | undefined> } | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<TitleStatistics | undefined> {
    if (!this.kept || this.now() - this.kept.at > REFRESH_MS) {
      const stats = this.read().catch(() => undefined);
      this.kept = { at: this.now(), stats };
    }
    return this.kept.stats;
  }

  private async read(): Promise<TitleStatistics | undefined> {
    const { rows } = await this.pool.query<{ elems: string[] | null; freqs: number[] | null; rows: number }>({
      name: 'titles_statistics',
      text: `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples::float8 AS rows
             FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'titles' AND s.attname = 'doc'
             WHERE c.oid = 'titles'::regclass`,
    });
    const row = rows[0];
    if (!row?.elems || !row.freqs || row.rows <= 0) return undefined;
    const shares = new Map<string, number>();
    // The frequencies of the elements, in their order, then PostgreSQL's own summary figures.
    row.elems.forEach((lexeme, i) => shares.set(lexeme, row.freqs![i] ?? 0));
    const rarest = Math.min(...shares.values());
    return { shares, other: rarest / 2, rows: row.rows };
  }
}
