import { siteConfig } from '@/lib/config';
import { parsePageNumber } from '@/lib/routing/urls';
import type { SearchRequest } from './articleSearch';

/** Longer queries are cut: nobody types more, and a 10 KB query must cost no more than a short one. */
export const MAX_QUERY_LENGTH = 200;

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** A search as the URL asks for it; anything odd in the URL falls back to the defaults. */
export function searchRequestFrom(lang: string, params: Params): SearchRequest {
  return {
    query: first(params.q).slice(0, MAX_QUERY_LENGTH).trim(),
    lang,
    allLanguages: first(params.all) === '1',
    sort: first(params.sort) === 'date' ? 'date' : 'relevance',
    page: parsePageNumber(first(params.page)) ?? 1,
    pageSize: siteConfig.pageSize,
  };
}
