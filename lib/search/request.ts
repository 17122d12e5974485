import { siteConfig } from '@/lib/config';
import { parsePageNumber } from '@/lib/routing/urls';
import type { SearchRequest } from './articleSearch';
import { MAX_QUERY_LENGTH, parseQuery } from './tokenize';

export { MAX_QUERY_LENGTH };

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** A query as the site reads it: cut to MAX_QUERY_LENGTH before anything else reads it, then trimmed. */
export function queryFrom(raw: string | null | undefined): string {
  return (raw ?? '').slice(0, MAX_QUERY_LENGTH).trim();
}

/**
 * Whether a query names anything to search for. One that does not (spaces, punctuation, a
 * letter past MAX_QUERY_LENGTH) is answered at once with nothing: it takes no place among the
 * searches the server runs at once, and no search thread.
 */
export function hasSearchTerms(query: string): boolean {
  return parseQuery(queryFrom(query)).length > 0;
}

/** A search as the URL asks for it; anything odd in the URL falls back to the defaults. */
export function searchRequestFrom(lang: string, params: Params): SearchRequest {
  return {
    query: queryFrom(first(params.q)),
    lang,
    allLanguages: first(params.all) === '1',
    sort: first(params.sort) === 'date' ? 'date' : 'relevance',
    page: parsePageNumber(first(params.page)) ?? 1,
    pageSize: siteConfig.pageSize,
  };
}
