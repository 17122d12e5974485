export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';
export { isSearchBusy } from './busy';

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
