import { siteConfig } from '@/lib/config';
import { getContent } from '@/lib/catalog';
import { type ArticleMeta } from '@/lib/content';
import { searchFileOf } from '@/lib/catalog/database';
import { QueryPool } from './queryPool';
import { RelatedArticles } from './relatedArticles';

export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';
export { isSearchBusy } from './queryPool';

/** Seconds a refused search is asked to wait before trying again. */
export const SEARCH_RETRY_AFTER = 5;

/**
 * How long a refusal waits before it is sent. Even refused, a request costs the server's thread
 * a millisecond or two in Next.js; a client that asks again as soon as it is refused, on each of
 * its connections, would fill that thread with refusals. Held this long, each connection is
 * refused at most once a second, at no cost while it waits.
 */
export const SEARCH_REFUSAL_DELAY_MS = 1000;

/** Waits SEARCH_REFUSAL_DELAY_MS. */
export function refusalDelay(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SEARCH_REFUSAL_DELAY_MS));
}

/** The request header that carries a results page's reserved place from the proxy to the page. */
export const SEARCH_TICKET_HEADER = 'x-broadsheet-search-ticket';

const slot = Symbol.for('broadsheet.search');
type Slot = { [slot]?: QueryPool };

/**
 * The site's search, one pool of search threads per server process (shared through globalThis
 * by the proxy, the pages and the API), over the catalog's full-text index.
 */
export function getSearch(): QueryPool {
  const holder = globalThis as Slot;
  if (!holder[slot]) {
    const { file, dir } = getContent();
    holder[slot] = new QueryPool({ file, searchFile: searchFileOf(file), dir, typographer: siteConfig.typographer });
  }
  return holder[slot];
}

const relatedSlot = Symbol.for('broadsheet.related');
type RelatedSlot = { [relatedSlot]?: RelatedArticles };

/** Forgets the titles it keeps whenever content changes. */
function followedRelated(related: RelatedArticles): RelatedArticles {
  getContent().onChange(() => related.forget());
  return related;
}

/**
 * Up to `siteConfig.relatedArticles` articles related to this one (relatedArticles.ts). Run on the
 * server's thread, unlike searches: it is a few bounded index reads, part of rendering the
 * article once, and then cached with the page.
 */
export function relatedTo(article: ArticleMeta): ArticleMeta[] {
  const limit = siteConfig.relatedArticles;
  if (limit <= 0) return [];
  const { index, db, searchDb } = getContent();
  const id = index.idOf(article);
  if (id === undefined) return [];
  const holder = globalThis as RelatedSlot;
  holder[relatedSlot] ??= followedRelated(new RelatedArticles(searchDb, db));
  return index.byIds(holder[relatedSlot].find({ id, lang: article.lang, title: article.title, summary: article.summary }, limit));
}
