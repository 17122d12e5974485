import { isLanguage, siteConfig } from '@/lib/config';
import { getStore } from '@/lib/store';
import { notFoundResponse } from '@/lib/rendering/responses';
import { NEWS_ENTRIES, NEWS_WINDOW_MS, newsSitemapXml } from '@/lib/rendering/sitemap/newsSitemap';

// Kept in the page cache until an article of the language changes, and at most a minute, so the
// articles that leave the 48-hour window leave it too; nothing is rendered at build.
export const dynamic = 'force-static';
export const revalidate = 60;
export const generateStaticParams = async (): Promise<{ file: string }[]> => [];

/**
 * A language's Google News sitemap: /sitemaps/news/en.xml. One indexed range of the catalog, so
 * an article is in it as soon as it is published; a CDN asks again as often as for lists.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const lang = /^(.+)\.xml$/.exec((await params).file)?.[1];
  if (!lang || !isLanguage(lang)) return notFoundResponse();
  const entries = await getStore().newsStubs(lang, Date.now() - NEWS_WINDOW_MS, NEWS_ENTRIES);
  const { lists, staleWhileRevalidate } = siteConfig.sharedCache;
  return new Response(newsSitemapXml(siteConfig.baseUrl, siteConfig.title, lang, entries), {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': `public, max-age=60, s-maxage=${lists}, stale-while-revalidate=${Math.min(600, staleWhileRevalidate)}`,
    },
  });
}
