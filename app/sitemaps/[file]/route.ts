import { isLanguage, siteConfig } from '@/lib/config';
import { getIndex } from '@/lib/catalog';
import { notFoundResponse, sitemapResponse } from '@/lib/rendering/responses';
import { parseSitemapFileName, sitemapEntries, urlsetXml } from '@/lib/rendering/sitemap/sitemap';

/** One language's sitemap, part N: /sitemaps/en-1.xml. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const parsed = parseSitemapFileName((await params).file);
  if (parsed && isLanguage(parsed.lang)) {
    const entries = sitemapEntries(getIndex(), parsed.lang, parsed.part);
    if (entries.length > 0 || parsed.part === 1) {
      return sitemapResponse(urlsetXml(siteConfig.baseUrl, entries));
    }
  }
  return notFoundResponse();
}
