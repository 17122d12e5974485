import { isLanguage, siteConfig } from '@/lib/config';
import { getIndex } from '@/lib/content';
import { parseSitemapFileName, sitemapEntries, URLS_PER_SITEMAP, urlsetXml } from '@/lib/sitemap/sitemap';

/** One language's sitemap, part N: /sitemaps/en-1.xml. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const parsed = parseSitemapFileName((await params).file);
  if (parsed && isLanguage(parsed.lang)) {
    const entries = sitemapEntries(await getIndex(), parsed.lang).slice((parsed.part - 1) * URLS_PER_SITEMAP, parsed.part * URLS_PER_SITEMAP);
    if (entries.length > 0 || parsed.part === 1) {
      return new Response(urlsetXml(siteConfig.baseUrl, entries), {
        headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300, stale-while-revalidate=3600' },
      });
    }
  }
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
