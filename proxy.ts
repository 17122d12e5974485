import { NextResponse, type NextRequest } from 'next/server';
import { languages, siteConfig } from '@/lib/config';
import { publicTopLevelNames } from '@/lib/routing/publicPaths';
import { refusalDelay, SEARCH_RETRY_AFTER, SEARCH_TICKET_HEADER } from '@/lib/search';
import { hasSearchTerms } from '@/lib/search/request';
import { storeUnavailableResponse } from '@/lib/rendering/responses';
import { pageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { markStoreOutage } from '@/lib/server/storeOutage.mjs';
import { getStore, isStoreUnavailable } from '@/lib/store';
import { matchRoute } from '@/lib/routing/routeMatch';
import { goneUrl, notFoundUrl } from '@/lib/routing/urls';
import { surrogateKeyHeaders, surrogateKeys } from '@/lib/server/purge/surrogateKeys';

const languageCodes = languages.map((language) => language.code);
// Files in public/, and the site's own routes outside the languages.
const passThrough = new Set([...publicTopLevelNames(), 'api', 'og', 'robots.txt', 'sitemap.xml', 'sitemaps']);
// Of those, the site's own routes that render content: social images and sitemaps.
const taggedRoots = new Set(['', 'og', 'sitemap.xml', 'sitemaps']);

/**
 * Answers 404 for paths that name nothing, with the localized 404 page rendered on the server,
 * and redirects the Hugo site's old URLs (and slash-ended ones) permanently to today's.
 * Everything else goes on untouched.
 */
export async function proxy(request: NextRequest) {
  try {
    const response = await route(request);
    markStoreOutage(false);
    return response;
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    markStoreOutage(true);
    // The store's database cannot be reached: a page already rendered is served as it is (the page
    // cache holds it); another answers 503 with Retry-After, never a 500 a cache would keep.
    return pageStore().holds(request.nextUrl.pathname) ? NextResponse.next() : storeUnavailableResponse();
  }
}

/**
 * A response a cache in front may keep carries its page's tags (lib/server/purge/surrogateKeys.ts):
 * a content change purges them from that cache. Search, 404s and the API carry none.
 */
function tagged(response: NextResponse, pathname: string): NextResponse {
  const keys = surrogateKeys(pathname, siteConfig.defaultLanguage);
  if (keys) for (const [name, value] of Object.entries(surrogateKeyHeaders(keys))) response.headers.set(name, value);
  return response;
}

async function route(request: NextRequest): Promise<NextResponse> {
  const store = getStore();
  const { pathname } = request.nextUrl;
  const match = await matchRoute(request.nextUrl.pathname, {
    store,
    languageCodes,
    defaultLanguage: siteConfig.defaultLanguage,
    passThrough,
  });
  if (match.kind === 'redirect') {
    const location = new URL(match.location, request.url);
    location.search = request.nextUrl.search;
    return tagged(NextResponse.redirect(location, 308), pathname);
  }
  // A results page renders the sidebar from the store too: asked once that the store answers.
  if (match.kind === 'search') return (await store.count(match.lang)) >= 0 ? admitSearch(request) : NextResponse.next();
  // Taken down: said as such, at once, and kept by no shared cache that cannot be purged (it may
  // be put back): a cache purged by tag keeps it until then (deploy/varnish/broadsheet.vcl).
  if (match.kind === 'gone')
    return tagged(NextResponse.rewrite(new URL(goneUrl(match.lang), request.url), { status: 410, headers: { 'Cache-Control': 'no-store' } }), pathname);
  // A live page changes with each entry: caches in front keep it as briefly as a list
  // (sharedCache.lists), not an article's 300 s, so its readers' updater sees each entry.
  if (match.kind === 'page') return tagged(match.live ? liveResponse() : NextResponse.next(), pathname);
  // `/` (the default language's home), social images, sitemaps; not files in public/ nor the API.
  if (match.kind === 'pass') return taggedRoots.has(pathname.split('/')[1] ?? '') ? tagged(NextResponse.next(), pathname) : NextResponse.next();
  if (match.kind !== 'not-found') return NextResponse.next();
  // A first start is still reading the archive: what it does not know yet may exist.
  if (!(await store.complete())) return stillReading();
  // Same origin as the request, so Next.js renders the 404 page in this process. Bound to a
  // loopback address, Next.js 16.4 took it for another host and proxied it to itself over HTTP
  // (30 s, then 500): patches/next+16.4.6.patch fixes that comparison (vercel/next.js#94745).
  // Never kept by a shared cache (next.config.ts would give the path's): a missing page may be
  // published in a moment, and a flood of made-up URLs must not push real pages out of one.
  return NextResponse.rewrite(new URL(notFoundUrl(match.lang), request.url), { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

export const config = {
  // Framework assets never name a page.
  matcher: ['/((?!_next/).*)'],
};

function liveResponse(): NextResponse {
  const response = NextResponse.next();
  response.headers.set('Cache-Control', `public, s-maxage=${siteConfig.sharedCache.lists}`);
  return response;
}

function stillReading(): NextResponse {
  return new NextResponse('The site is reading its archive for the first time; this page may exist. Try again in a few seconds.\n', {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '10', 'Cache-Control': 'no-store' },
  });
}

/**
 * A results page runs only with a place among the searches the server runs at once: taken here,
 * waiting in line if need be, and carried to the page in a request header (the page gives it
 * back once sent). Without one (the line is full too), 503 before anything is rendered, a second
 * later (lib/search/index.ts), so a flood of searches costs the server little. A query with no
 * terms needs no place: its page answers at once with nothing found.
 */
async function admitSearch(request: NextRequest): Promise<NextResponse> {
  if (!hasSearchTerms(request.nextUrl.searchParams.get('q') ?? '')) return NextResponse.next();
  const ticket = await getStore().search.admit();
  if (!ticket) {
    await refusalDelay();
    return new NextResponse('Search is busy right now. Please try again in a few seconds.\n', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(SEARCH_RETRY_AFTER), 'Cache-Control': 'no-store' },
    });
  }
  const headers = new Headers(request.headers);
  headers.set(SEARCH_TICKET_HEADER, ticket);
  return NextResponse.next({ request: { headers } });
}
