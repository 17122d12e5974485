import type { CatalogReader } from '@/lib/store';
import { NEWS_WINDOW_MS, newsSitemapPath } from './newsSitemap';
import { sitemapFileName, sitemapIndexXml, sitemapParts } from './sitemap';

/**
 * Where the sitemap index is rendered: /sitemap.xml is rewritten here (next.config.ts), so that
 * it is rendered on request and kept in the page cache like the files it names, never at build.
 */
export const SITEMAP_INDEX_FILE = 'index.xml';

/**
 * The sitemap index: one sitemap per language, split into files of at most URLS_PER_SITEMAP URLs,
 * and each language's Google News sitemap.
 */
export async function sitemapIndex(index: CatalogReader, baseUrl: string, languages: readonly string[], now = Date.now()): Promise<string> {
  const since = now - NEWS_WINDOW_MS;
  const files: { path: string; lastmod?: number }[] = [];
  for (const lang of languages) {
    const newest = (await index.newsStubs(lang, since, 1))[0];
    for (const { part, lastmod } of await sitemapParts(index, lang)) files.push({ path: `/sitemaps/${sitemapFileName(lang, part)}`, lastmod });
    files.push({ path: newsSitemapPath(lang), lastmod: newest?.date });
  }
  return sitemapIndexXml(baseUrl, files);
}
