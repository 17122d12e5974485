export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';
export { isSearchBusy } from './busy';

/** Seconds a refused search is asked to wait before trying again. */
export const SEARCH_RETRY_AFTER = 5;
/** The request header that carries a results page's reserved place from the proxy to the page. */
export const SEARCH_TICKET_HEADER = 'x-broadsheet-search-ticket';
