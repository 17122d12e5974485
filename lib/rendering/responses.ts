import { NextResponse } from 'next/server';
import { siteConfig } from '@/lib/config';
import { STORE_RETRY_AFTER } from '@/lib/store';

/** Plain responses of the site's non-page routes (feeds, sitemaps, images). */

/**
 * What shared caches may do with a response kept `seconds`, as next.config.ts writes it for
 * pages: kept that long, then served stale while they ask again.
 */
export const sharedCacheFor = (seconds: number) => `public, s-maxage=${seconds}, stale-while-revalidate=${siteConfig.sharedCache.staleWhileRevalidate}`;

/**
 * 404 for a feed, sitemap or image of something that does not exist. Never kept by a shared
 * cache: it may exist in a moment, and a flood of made-up URLs must not fill one.
 */
export function notFoundResponse(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** A sitemap: CDNs may keep it five minutes and serve it stale for an hour while they refresh it. */
export function sitemapResponse(xml: string): Response {
  return new Response(xml, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300, stale-while-revalidate=3600' },
  });
}

/**
 * 503 while the store cannot be reached (its database down or restarting): come back in a few
 * seconds. Never kept by a shared cache, which would keep serving the outage after it ends.
 */
export function storeUnavailableResponse(): NextResponse {
  return new NextResponse('The site cannot reach its store right now. Please try again in a few seconds.\n', {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(STORE_RETRY_AFTER), 'Cache-Control': 'no-store' },
  });
}
