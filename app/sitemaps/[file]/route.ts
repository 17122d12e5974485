import { isLanguage, languages, siteConfig } from '@/lib/config';
import { getStore } from '@/lib/store';
import { notFoundResponse, sitemapResponse } from '@/lib/rendering/responses';
import { parseSitemapFileName, sitemapEntries, urlsetXml } from '@/lib/rendering/sitemap/sitemap';
import { SITEMAP_INDEX_FILE, sitemapIndex } from '@/lib/rendering/sitemap/sitemapIndex';

// Rendered on first request and kept in the page cache until an article of the language changes
// (lib/server/revalidation/changeTags.ts); nothing is rendered at build.
export const dynamic = 'force-static';
export const generateStaticParams = async (): Promise<{ file: string }[]> => [];

/** One language's sitemap, part N (/sitemaps/en-1.xml), or the index (/sitemap.xml, rewritten here). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const index = getStore();
  if (file === SITEMAP_INDEX_FILE) {
    return sitemapResponse(
      await sitemapIndex(
        index,
        siteConfig.baseUrl,
        languages.map(({ code }) => code),
      ),
    );
  }
  const parsed = parseSitemapFileName(file);
  const entries = parsed && isLanguage(parsed.lang) ? await sitemapEntries(index, parsed.lang, parsed.part) : undefined;
  return entries ? sitemapResponse(urlsetXml(siteConfig.baseUrl, entries)) : notFoundResponse();
}
