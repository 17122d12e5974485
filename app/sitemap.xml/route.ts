import { languages, siteConfig } from '@/lib/config';
import { getIndex } from '@/lib/content';
import { sitemapResponse } from '@/lib/responses';
import { sitemapEntries, sitemapFileName, sitemapIndexXml, URLS_PER_SITEMAP } from '@/lib/sitemap/sitemap';

// Built per request from the live index: at build time it would read the whole archive and then
// go stale as articles are published.
export const dynamic = 'force-dynamic';

/** A sitemap index: one sitemap per language, split into files of at most URLS_PER_SITEMAP URLs. */
export async function GET(): Promise<Response> {
  const index = await getIndex();
  const files = languages.flatMap(({ code }) => {
    const entries = sitemapEntries(index, code);
    const parts = Math.max(1, Math.ceil(entries.length / URLS_PER_SITEMAP));
    return Array.from({ length: parts }, (_, i) => {
      const slice = entries.slice(i * URLS_PER_SITEMAP, (i + 1) * URLS_PER_SITEMAP);
      return { path: `/sitemaps/${sitemapFileName(code, i + 1)}`, lastmod: Math.max(0, ...slice.map((e) => e.lastmod ?? 0)) || undefined };
    });
  });
  return sitemapResponse(sitemapIndexXml(siteConfig.baseUrl, files));
}
