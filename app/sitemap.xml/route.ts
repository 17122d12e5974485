import { languages, siteConfig } from '@/lib/config';
import { getIndex } from '@/lib/catalog';
import { sitemapResponse } from '@/lib/rendering/responses';
import { NEWS_WINDOW_MS, newsSitemapPath } from '@/lib/rendering/sitemap/newsSitemap';
import { sitemapFileName, sitemapIndexXml, sitemapParts } from '@/lib/rendering/sitemap/sitemap';

// Built per request from the live catalog: at build time it would read the whole archive and then
// go stale as articles are published.
export const dynamic = 'force-dynamic';

/**
 * A sitemap index: one sitemap per language, split into files of at most URLS_PER_SITEMAP URLs,
 * and each language's Google News sitemap.
 */
export async function GET(): Promise<Response> {
  const index = getIndex();
  const since = Date.now() - NEWS_WINDOW_MS;
  const files = languages.flatMap(({ code }) => {
    const newest = index.newsStubs(code, since, 1)[0];
    return [
      ...sitemapParts(index, code).map(({ part, lastmod }) => ({ path: `/sitemaps/${sitemapFileName(code, part)}`, lastmod })),
      { path: newsSitemapPath(code), lastmod: newest?.date },
    ];
  });
  return sitemapResponse(sitemapIndexXml(siteConfig.baseUrl, files));
}
