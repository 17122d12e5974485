import { getContent } from '@/lib/content';
import { searchFileOf } from '@/lib/content/catalog/database';
import { QueryPool } from './queryPool';

export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';
export { isSearchBusy } from './queryPool';

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
    const { file, dir } = getContent();
    holder[slot] = new QueryPool({ file, searchFile: searchFileOf(file), dir });
  }
  return holder[slot];
}
