import { siteConfig } from '@/lib/config';
import type { CatalogReader } from '@/lib/store';
import { isTaxonomy } from '@/lib/content/terms';
import { isFeedFile } from '@/lib/rendering/feeds/formats';
import { legacyTarget } from '@/lib/routing/legacyUrls';
import { decodeSlug, parsePageNumber } from '@/lib/routing/urls';

/** What a request path names. */
export type RouteMatch =
  /** Not a page path (`/`, public files): Next.js routes it as usual. */
  | { kind: 'pass' }
  /** `live`: a live page (issue 29), which shared caches keep as briefly as lists. */
  | { kind: 'page'; lang: string; live?: true }
  /** A language's search page: admitted by the search pool's bound. */
  | { kind: 'search'; lang: string }
  /** An old (Hugo) or slash-ended URL of a page that exists, or an article's former URL: a permanent redirect. */
  | { kind: 'redirect'; location: string }
  /** An article taken down (deleted, unpublished): 410, not a 404 that looks like a typo. */
  | { kind: 'gone'; lang: string }
  | { kind: 'not-found'; lang: string };

function pageExists(count: number, pageParam: string | undefined): boolean {
  if (pageParam === undefined) return true;
  const page = parsePageNumber(pageParam);
  return page !== undefined && page <= Math.max(1, Math.ceil(count / siteConfig.pageSize));
}

/**
 * Turns a raw URL path into the page it names, or a 404, without rendering anything. The proxy
 * uses it to answer 404 before rendering: a `notFound()` thrown while rendering leaves the
 * server HTML empty (vercel/next.js#62228), and a 404 must read without JavaScript.
 */
export interface RouteContext {
  store: Pick<CatalogReader, 'count' | 'term' | 'article' | 'articleIgnoringCase' | 'formerly'> &
    // Author pages (issue 29); a store without them has none.
    Partial<Pick<CatalogReader, 'newsroomList' | 'authorDescriptions'>>;
  languageCodes: readonly string[];
  defaultLanguage: string;
  /** First path segments that belong to files in public/ or to root routes. */
  passThrough: ReadonlySet<string>;
}

export async function matchRoute(pathname: string, context: RouteContext): Promise<RouteMatch> {
  const raw = pathname.split('/').filter(Boolean);
  if (raw[0] === undefined || context.passThrough.has(raw[0])) return { kind: 'pass' };
  const match = await matchCurrentRoute(raw, context);
  if (match.kind === 'page' || match.kind === 'search') {
    // Hugo ended every path with a slash; this site does not.
    return pathname.endsWith('/') ? { kind: 'redirect', location: `/${raw.join('/')}` } : match;
  }
  if (match.kind !== 'not-found') return match;
  const segments = decodeSlug(raw);
  const target = segments && (await legacyTarget(segments, context));
  // Only to a page that exists, and never to the same path: a redirect must end somewhere.
  const lands = target !== undefined && target !== pathname && (await matchCurrentRoute(target.split('/').filter(Boolean), context)).kind === 'page';
  return lands ? { kind: 'redirect', location: target } : match;
}

/** What a path names among today's URLs. */
async function matchCurrentRoute(raw: readonly string[], context: RouteContext): Promise<RouteMatch> {
  const { store, languageCodes } = context;
  const lang = raw[0] as string;
  // `/fr/…`, `/wp-admin`: no such language; the 404 is in the default one.
  if (!languageCodes.includes(lang)) return { kind: 'not-found', lang: context.defaultLanguage };
  const rest = decodeSlug(raw.slice(1));
  const page: RouteMatch = { kind: 'page', lang };
  const notFound: RouteMatch = { kind: 'not-found', lang };
  if (!rest) return notFound;
  const [first, second, third, fourth, ...more] = rest;

  if (first === 'search' && second === undefined) return { kind: 'search', lang };
  if (first === 'corrections' && second === undefined) return page;
  if (first === undefined || (isFeedFile(first) && second === undefined)) return page;
  if (first === 'page') {
    return third === undefined && pageExists(await store.count(lang), second ?? '') ? page : notFound;
  }
  if (isTaxonomy(first)) {
    if (second === undefined) return page;
    const term = await store.term(lang, first, second.normalize('NFC'));
    if (!term || more.length > 0) return notFound;
    if (third === undefined || (isFeedFile(third) && fourth === undefined)) return page;
    return third === 'page' && pageExists(term.count, fourth ?? '') ? page : notFound;
  }
  if (first === 'authors') {
    if (second === undefined) return page;
    const id = second.normalize('NFC');
    const listed = await store.newsroomList?.(lang, 'authors', id);
    const described = listed ? true : ((await store.authorDescriptions?.([id])) ?? []).length > 0;
    if (!described || more.length > 0) return notFound;
    if (third === undefined || (isFeedFile(third) && fourth === undefined)) return page;
    return third === 'page' && pageExists(listed?.count ?? 0, fourth ?? '') ? page : notFound;
  }
  const article = await store.article(lang, rest);
  if (article) return article.live ? { kind: 'page', lang, live: true } : page;
  const former = await store.formerly(lang, rest);
  if (!former) return notFound;
  return 'redirect' in former ? { kind: 'redirect', location: former.redirect } : { kind: 'gone', lang };
}
