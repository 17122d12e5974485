import { markdownToPlainText } from '@/lib/content/excerpt';
import { bodyOf } from '@/lib/content/frontMatter';
import type { FullTextIndex } from '@/lib/store/types';
import type { ArticleMeta } from '@/lib/content/types';
import { matchQuery, titleQuery } from './ftsText';
import { highlight, type Segment, snippet } from './highlight';
import type { MatchQuery } from './matchQuery';
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
function snippetBody(source: string): string {
  // Characters, not bytes, once it is text: the bound is on the work, which is linear in either.
  return markdownToPlainText(bodyOf(source.slice(0, SNIPPET_SCAN_BYTES)));
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
 * The ranking's tiers, best first: articles whose title holds every term, then all but one, and
 * so on, then those whose title holds none. Within a tier, newest first, which is the index's
 * own order (ids are sort keys), so a page of results is read, not sorted.
 */
export function rankingTiers(terms: readonly QueryTerm[], base: MatchQuery, prefixLast = false): MatchQuery[] {
  const n = terms.length;
  const typed = prefixLast ? terms.at(-1) : undefined;
  const atLeast = (k: number): MatchQuery => ({ any: choose(terms, k).map((combo) => titleQuery(combo, typed)) });
  const tiers: MatchQuery[] = [];
  const counts = n <= EXACT_TIERS_UP_TO ? Array.from({ length: n }, (_, i) => n - i) : [n];
  for (const k of counts) tiers.push(k === n ? { all: [base, atLeast(n)] } : { all: [base, { but: [atLeast(k), atLeast(k + 1)] }] });
  tiers.push({ but: [base, atLeast(counts.at(-1) as number)] });
  return tiers;
}

/** What search reads of the catalog: the articles it found, as readers see them, and their text for snippets. */
export interface SearchCatalog {
  byIds(ids: readonly number[]): Promise<ArticleMeta[]>;
  source(article: Pick<ArticleMeta, 'key'>): Promise<string | undefined>;
}

/**
 * Search over the store's full-text index, whichever engine holds it: the query parsed into terms
 * (Han pairs, word stems), ranked in tiers, highlighted as plain text. The store keeps the index
 * in step with the content in the same transactions as everything else: nothing to build at
 * start, nothing to catch up after a change.
 */
export class ArticleSearch {
  constructor(
    private readonly index: FullTextIndex,
    private readonly catalog: SearchCatalog,
  ) {}

  /** Ids of results `offset` to `offset + limit` across tiers of the given sizes; whole tiers are skipped. */
  private async idsAcross(tiers: readonly MatchQuery[], sizes: readonly number[], offset: number, limit: number): Promise<number[]> {
    const ids: number[] = [];
    let skip = offset;
    for (const [i, tier] of tiers.entries()) {
      if (ids.length >= limit) break;
      const size = sizes[i] as number;
      if (skip >= size) {
        skip -= size;
        continue;
      }
      ids.push(...(await this.index.ids(tier, limit - ids.length, skip)));
      skip = 0;
    }
    return ids;
  }

  /** The first `limit` ids across tiers, read in order until there are enough (no counting). */
  private async firstIds(tiers: readonly MatchQuery[], limit: number): Promise<number[]> {
    const ids: number[] = [];
    for (const tier of tiers) {
      if (ids.length >= limit) break;
      ids.push(...(await this.index.ids(tier, limit - ids.length, 0)));
    }
    return ids;
  }

  /** One page of results with highlighted titles and snippets; the page is clamped to those that exist. */
  async search(request: SearchRequest): Promise<SearchResponse> {
    const terms = parseQuery(request.query);
    if (terms.length === 0) return { terms, total: 0, page: 1, totalPages: 1, results: [] };
    const base = matchQuery(terms, { lang: request.allLanguages ? undefined : request.lang });
    const total = await this.index.count(base);
    const totalPages = Math.max(1, Math.ceil(total / request.pageSize));
    const page = Math.min(Math.max(1, request.page), totalPages);
    const offset = (page - 1) * request.pageSize;
    let ids: number[];
    if (request.sort === 'date') {
      ids = await this.index.ids(base, request.pageSize, offset);
    } else {
      const tiers = rankingTiers(terms, base);
      const ranked = await Promise.all(tiers.slice(0, -1).map((tier) => this.index.count(tier)));
      const sizes = [...ranked, total - ranked.reduce((sum, n) => sum + n, 0)];
      ids = await this.idsAcross(tiers, sizes, offset, request.pageSize);
    }
    const results = await Promise.all(
      (await this.catalog.byIds(ids)).map(async (article) => {
        const source = await this.catalog.source(article);
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
  async suggest(query: string, lang: string, limit: number): Promise<ArticleMeta[]> {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const base = matchQuery(terms, { lang, prefixLast: true });
    return this.catalog.byIds(await this.firstIds(rankingTiers(terms, base, true), limit));
  }
}
