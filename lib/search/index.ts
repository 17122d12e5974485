import { siteConfig } from '@/lib/config';
import { getContent } from '@/lib/store/sqlite/catalog';
import { type ArticleMeta } from '@/lib/content';
import { searchFileOf } from '@/lib/store/sqlite/database';
import { QueryPool } from '@/lib/store/sqlite/queryPool';
import { Fts5Index } from '@/lib/store/sqlite/fullText';
import { RelatedArticles } from './relatedArticles';

export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';
export { isSearchBusy } from '@/lib/store/sqlite/queryPool';

/** Seconds a refused search is asked to wait before trying again. */
export const SEARCH_RETRY_AFTER = 5;
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
    const { file } = getContent();
    holder[slot] = new QueryPool({ file, searchFile: searchFileOf(file), typographer: siteConfig.typographer });
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
export async function relatedTo(article: ArticleMeta): Promise<ArticleMeta[]> {
  const limit = siteConfig.relatedArticles;
  if (limit <= 0) return [];
  const { index, db, searchDb } = getContent();
  const id = index.idOf(article);
  if (id === undefined) return [];
  const holder = globalThis as RelatedSlot;
  holder[relatedSlot] ??= followedRelated(new RelatedArticles(new Fts5Index(searchDb, db)));
  return index.byIds(await holder[relatedSlot].find({ id, lang: article.lang, title: article.title, summary: article.summary }, limit));
}
