import type { Database, Statement } from 'better-sqlite3';
import { markdownToPlainText } from '@/lib/content/excerpt';
import { bodyOf } from '@/lib/content/frontMatter';
import type { Presenter } from '@/lib/catalog/contentIndex';
import type { ArticleMeta } from '@/lib/content/types';
import { matchExpression, titleExpression } from './ftsText';
import { highlight, type Segment, snippet } from './highlight';
import { parseQuery, type QueryTerm } from './tokenize';

export type SearchSort = 'relevance' | 'date';

export interface SearchRequest {
  query: string;
  /** The reader's language; ignored when `allLanguages` is set. */
  lang: string;
  allLanguages: boolean;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export interface SearchResult {
  article: ArticleMeta;
  title: Segment[];
  /** Body or summary around the first match; the summary's opening when only a tag matched. */
  snippet: Segment[];
}

export interface SearchResponse {
  terms: QueryTerm[];
  total: number;
  page: number;
  totalPages: number;
  results: SearchResult[];
}

/**
 * A hit's snippet is looked for in this much of its file at most: more than any article of the
 * corpus holds (194 KB at most), and a bound on what one hit costs whatever its file holds.
 */
export const SNIPPET_SCAN_BYTES = 256 * 1024;

/** The text of a hit's body as its snippet sees it, from the first SNIPPET_SCAN_BYTES of its published text. */
function snippetBody(source: Buffer): string {
  // `stream`: a character cut at the end is left out, not shown as U+FFFD.
  return markdownToPlainText(bodyOf(new TextDecoder().decode(source.subarray(0, SNIPPET_SCAN_BYTES), { stream: true })));
}

/** Queries of more terms than this rank by "all terms in the title" only, not by how many. */
const EXACT_TIERS_UP_TO = 4;

/** Every way to choose `size` of `items`. */
function choose<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...choose(rest, size - 1).map((combo) => [first, ...combo]), ...choose(rest, size)];
}

/**
 * The FTS5 expressions of the ranking's tiers, best first: articles whose title holds every term,
 * then all but one, and so on, then those whose title holds none. Within a tier, newest first,
 * which is the index's own order (ids are sort keys), so a page of results is read, not sorted.
 */
export function rankingTiers(terms: readonly QueryTerm[], base: string, prefixLast = false): string[] {
  const n = terms.length;
  const typed = prefixLast ? terms.at(-1) : undefined;
  const atLeast = (k: number) =>
    `(${choose(terms, k)
      .map((combo) => titleExpression(combo, typed))
      .join(' OR ')})`;
  const tiers: string[] = [];
  const counts = n <= EXACT_TIERS_UP_TO ? Array.from({ length: n }, (_, i) => n - i) : [n];
  for (const k of counts) tiers.push(k === n ? `(${base}) AND ${atLeast(n)}` : `(${base}) AND (${atLeast(k)} NOT ${atLeast(k + 1)})`);
  tiers.push(`(${base}) NOT ${atLeast(counts.at(-1) as number)}`);
  return tiers;
}

/**
 * Search over the catalog's full-text index (SQLite FTS5), which the catalog keeps in step with
 * the content folder in the same transactions as everything else: nothing to build at start,
 * nothing to catch up after a change.
 */
export class ArticleSearch {
  private readonly countStatement: Statement<[string], { n: number }>;
  private readonly pageStatement: Statement<[string, number, number], { rowid: number }>;
  private readonly metaStatement: Statement<[number], { meta: string }>;
  private readonly sourceStatement: Statement<[string], Buffer>;

  /** `searchDb`: the full-text index's file; `db`: the catalog, for the articles it finds. */
  constructor(
    searchDb: Database,
    db: Database,
    private readonly present: Presenter = (article) => article,
  ) {
    this.countStatement = searchDb.prepare('SELECT count(*) AS n FROM search WHERE search MATCH ?');
    this.pageStatement = searchDb.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?');
    this.metaStatement = db.prepare('SELECT meta FROM articles WHERE id = ?');
    this.sourceStatement = db.prepare<[string], Buffer>('SELECT s.bytes FROM articles a JOIN sources s ON s.id = a.id WHERE a.key = ?').pluck();
  }

  private count(expression: string): number {
    return this.countStatement.get(expression)?.n ?? 0;
  }

  private ids(expression: string, limit: number, offset: number): number[] {
    return limit <= 0 ? [] : this.pageStatement.all(expression, limit, offset).map((row) => row.rowid);
  }

  private articles(ids: readonly number[]): ArticleMeta[] {
    return ids.flatMap((id) => {
      const row = this.metaStatement.get(id);
      return row ? [this.present(JSON.parse(row.meta) as ArticleMeta)] : [];
    });
  }

  /** Ids of results `offset` to `offset + limit` across tiers of the given sizes; whole tiers are skipped. */
  private idsAcross(tiers: readonly string[], sizes: readonly number[], offset: number, limit: number): number[] {
    const ids: number[] = [];
    let skip = offset;
    for (const [i, tier] of tiers.entries()) {
      if (ids.length >= limit) break;
      const size = sizes[i] as number;
      if (skip >= size) {
        skip -= size;
        continue;
      }
      ids.push(...this.ids(tier, limit - ids.length, skip));
      skip = 0;
    }
    return ids;
  }

  /** The first `limit` ids across tiers, read in order until there are enough (no counting). */
  private firstIds(tiers: readonly string[], limit: number): number[] {
    const ids: number[] = [];
    for (const tier of tiers) {
      if (ids.length >= limit) break;
      ids.push(...this.ids(tier, limit - ids.length, 0));
    }
    return ids;
  }

  /** One page of results with highlighted titles and snippets; the page is clamped to those that exist. */
  async search(request: SearchRequest): Promise<SearchResponse> {
    const terms = parseQuery(request.query);
    if (terms.length === 0) return { terms, total: 0, page: 1, totalPages: 1, results: [] };
    const base = matchExpression(terms, { lang: request.allLanguages ? undefined : request.lang });
    const total = this.count(base);
    const totalPages = Math.max(1, Math.ceil(total / request.pageSize));
    const page = Math.min(Math.max(1, request.page), totalPages);
    const offset = (page - 1) * request.pageSize;
    let ids: number[];
    if (request.sort === 'date') {
      ids = this.ids(base, request.pageSize, offset);
    } else {
      const tiers = rankingTiers(terms, base);
      const ranked = tiers.slice(0, -1).map((tier) => this.count(tier));
      const sizes = [...ranked, total - ranked.reduce((sum, n) => sum + n, 0)];
      ids = this.idsAcross(tiers, sizes, offset, request.pageSize);
    }
    const results = await Promise.all(
      this.articles(ids).map(async (article) => {
        const source = this.sourceStatement.get(article.key);
        const body = source ? snippetBody(source) : '';
        return {
          article,
          title: highlight(article.title, terms),
          snippet: snippet([article.summary, body], terms) ?? [{ text: article.summary || article.excerpt, match: false }],
        };
      }),
    );
    return { terms, total, page, totalPages, results };
  }

  /** The best few matches, titles only: for suggestions as a reader types (the last word may be unfinished). */
  suggest(query: string, lang: string, limit: number): ArticleMeta[] {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const base = matchExpression(terms, { lang, prefixLast: true });
    return this.articles(this.firstIds(rankingTiers(terms, base, true), limit));
  }
}
