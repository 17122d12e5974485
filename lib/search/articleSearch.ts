import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentStore, ChangeSet } from '@/lib/content/contentStore';
import { markdownToPlainText } from '@/lib/content/excerpt';
import { bodyOf } from '@/lib/content/frontMatter';
import type { ArticleMeta } from '@/lib/content/types';
import { collectGarbage } from '@/lib/collectGarbage';
import { forEachTimeSliced } from '@/lib/timeSliced';
import { highlight, type Segment, snippet } from './highlight';
import { FilePostingStore, type PostingStore } from './postingStore';
import { type Hit, SearchIndex } from './searchIndex';
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

/** Body text of an article as search sees it. */
function plainBody(text: string): string {
  return markdownToPlainText(bodyOf(text));
}

/** Epoch ms stay below 10¹³, so a title match always outweighs recency. */
const TITLE_WEIGHT = 1e13;

/**
 * The first `count` of `ranked` in score order, the rest left out. A results page needs ten
 * items of thousands of hits: keeping the best few in a small sorted buffer is linear, where
 * sorting every hit is not.
 */
export function topHits(ranked: readonly Hit[], count: number): Hit[] {
  if (count > 500) return [...ranked].sort((a, b) => b.score - a.score).slice(0, count);
  const best: Hit[] = [];
  for (const item of ranked) {
    if (best.length === count && item.score <= (best[count - 1] as Hit).score) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as Hit).score < item.score) at--;
    best.splice(at, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * Search over a content store: the index is built once in the background, then kept current
 * from the store's change sets, re-reading only the files that changed.
 */
export class ArticleSearch {
  readonly index: SearchIndex;
  /** Settles when the first full build is done. */
  readonly ready: Promise<void>;
  /** Changes are applied one after another, after the first build. */
  private queue: Promise<void>;
  buildMs = 0;

  /** `postings`: where packed posting lists live; a scratch file in the system's temporary folder by default. */
  constructor(
    private readonly store: ContentStore,
    postings: PostingStore = new FilePostingStore(),
  ) {
    this.index = new SearchIndex(postings);
    // Subscribe before building: a change during the build is applied after it, never lost.
    store.onChange((change) => {
      this.queue = this.queue.then(() => this.apply(change)).catch((error: unknown) => console.error('[search] update failed', error));
    });
    this.ready = this.build();
    this.queue = this.ready.catch(() => undefined);
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const articles = this.store.index.all();
    await forEachTimeSliced(articles, (article) => this.addFromDisk(article, true));
    this.index.pack();
    // The build's scratch buffers are garbage now: hand their memory back at once.
    collectGarbage();
    this.buildMs = Math.round(performance.now() - started);
  }

  private addFromDisk(article: ArticleMeta, bulk: boolean): void {
    let text: string;
    try {
      text = readFileSync(path.join(this.store.dir, article.file), 'utf8');
    } catch {
      return; // Deleted since it was listed: the change that follows removes it.
    }
    this.index.add({ article, body: plainBody(text) }, bulk);
  }

  private async apply(change: ChangeSet): Promise<void> {
    const kept = new Set(change.after.map((article) => article.file));
    for (const file of change.files) if (!kept.has(file)) this.index.remove(file);
    await forEachTimeSliced(change.after, (article) => this.addFromDisk(article, false));
  }

  private hits(request: Pick<SearchRequest, 'query' | 'lang' | 'allLanguages' | 'sort'>, prefixLast = false): { terms: QueryTerm[]; hits: Hit[] } {
    const terms = parseQuery(request.query);
    const current = this.store.index;
    // Only what the site shows right now: no drafts, nothing dated ahead, no replaced versions.
    const hits = this.index.find(terms, {
      lang: request.allLanguages ? undefined : request.lang,
      accept: (article) => current.contains(article),
      prefixLast,
      titleWeight: request.sort === 'date' ? 0 : TITLE_WEIGHT,
    });
    return { terms, hits };
  }

  /** One page of results with highlighted titles and snippets; the page is clamped to those that exist. */
  async search(request: SearchRequest): Promise<SearchResponse> {
    await this.ready;
    const { terms, hits } = this.hits(request);
    const totalPages = Math.max(1, Math.ceil(hits.length / request.pageSize));
    const page = Math.min(Math.max(1, request.page), totalPages);
    const results = await Promise.all(
      topHits(hits, page * request.pageSize).slice((page - 1) * request.pageSize).map(async ({ article }) => {
        const body = await readFile(path.join(this.store.dir, article.file), 'utf8').then(plainBody, () => '');
        const texts = [article.summary, body];
        return {
          article,
          title: highlight(article.title, terms),
          snippet: snippet(texts, terms) ?? [{ text: article.summary || article.excerpt, match: false }],
        };
      }),
    );
    return { terms, total: hits.length, page, totalPages, results };
  }

  /** The best few matches, titles only: for suggestions as a reader types (the last word may be unfinished). */
  async suggest(query: string, lang: string, limit: number): Promise<ArticleMeta[]> {
    await this.ready;
    return topHits(this.hits({ query, lang, allLanguages: false, sort: 'relevance' }, true).hits, limit).map((hit) => hit.article);
  }
}
