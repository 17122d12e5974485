import { languages, siteConfig } from '@/lib/config';
import { getIndex } from '@/lib/content';
import { sitemapResponse } from '@/lib/responses';
import { sitemapFileName, sitemapIndexXml, sitemapParts } from '@/lib/sitemap/sitemap';

// Built per request from the live catalog: at build time it would read the whole archive and then
// go stale as articles are published.
export const dynamic = 'force-dynamic';

/** A sitemap index: one sitemap per language, split into files of at most URLS_PER_SITEMAP URLs. */
export async function GET(): Promise<Response> {
  const index = getIndex();
  const files = languages.flatMap(({ code }) =>
    sitemapParts(index, code).map(({ part, lastmod }) => ({ path: `/sitemaps/${sitemapFileName(code, part)}`, lastmod })),
  );
  return sitemapResponse(sitemapIndexXml(siteConfig.baseUrl, files));
}
