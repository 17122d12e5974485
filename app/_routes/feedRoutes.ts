import { isLanguage, siteConfig } from '@/lib/config';
import { getIndex } from '@/lib/catalog';
import { type Taxonomy } from '@/lib/content';
import { buildFeed, FEED_ITEMS, type FeedSource } from '@/lib/rendering/feeds/buildFeed';
import { type FeedFile, feedFormats } from '@/lib/rendering/feeds/formats';
import { termTitle, withSiteName } from '@/lib/rendering/metadata';
import { loadTerm } from '@/lib/rendering/pageData';
import { notFoundResponse } from '@/lib/rendering/responses';
import { homeUrl, termUrl } from '@/lib/routing/urls';

/*
 * Feed routes: a language's newest articles at /{lang}/index.xml (atom.xml, feed.json), and a
 * term's at /{lang}/{categories|tags}/{term}/index.xml. Built per request from the in-memory
 * catalog (a few milliseconds), so they follow content changes at once; CDNs may hold them briefly.
 */

function feedResponse(source: FeedSource | undefined, file: FeedFile): Response {
  if (!source) return notFoundResponse();
  // Cache-Control is next.config.ts's, with the pages'.
  return new Response(buildFeed(source, file), { headers: { 'Content-Type': feedFormats[file].contentType } });
}

export function languageFeedRoute(file: FeedFile) {
  return async function GET(_request: Request, { params }: { params: Promise<{ lang: string }> }): Promise<Response> {
    const { lang } = await params;
    if (!isLanguage(lang)) return feedResponse(undefined, file);
    const articles = getIndex().articles(lang, 0, FEED_ITEMS);
    return feedResponse({ lang, title: siteConfig.title, pagePath: homeUrl(lang), articles }, file);
  };
}

export function termFeedRoute(taxonomy: Taxonomy, file: FeedFile) {
  return async function GET(_request: Request, { params }: { params: Promise<{ lang: string; term: string }> }): Promise<Response> {
    const { lang, term: termParam } = await params;
    const term = await loadTerm(lang, taxonomy, termParam);
    if (!term) return feedResponse(undefined, file);
    // The same title the term page's <link rel="alternate"> gives its feeds.
    const title = withSiteName(termTitle(lang, taxonomy, term.name));
    const articles = getIndex().termArticles(lang, term, 0, FEED_ITEMS);
    return feedResponse({ lang, title, pagePath: termUrl(lang, taxonomy, term.slug), articles }, file);
  };
}
