import { isLanguage } from '@/lib/config';
import { getStore } from '@/lib/store';
import { type Taxonomy } from '@/lib/content';
import { buildFeed, type FeedSource } from '@/lib/rendering/feeds/buildFeed';
import { languageFeedSource, termFeedSource } from '@/lib/rendering/feeds/feedSources';
import { type FeedFile, feedFormats } from '@/lib/rendering/feeds/formats';
import { loadTerm } from '@/lib/rendering/pageData';
import { notFoundResponse } from '@/lib/rendering/responses';

/*
 * Feed routes: a language's newest articles at /{lang}/index.xml (atom.xml, feed.json), and a
 * term's at /{lang}/{categories|tags}/{term}/index.xml. Built per request from the store (a few
 * milliseconds), so they follow content changes at once; CDNs may hold them briefly.
 */

function feedResponse(source: FeedSource | undefined, file: FeedFile): Response {
  if (!source) return notFoundResponse();
  // Cache-Control is next.config.ts's, with the pages'.
  return new Response(buildFeed(source, file), { headers: { 'Content-Type': feedFormats[file].contentType } });
}

export function languageFeedRoute(file: FeedFile) {
  return async function GET(_request: Request, { params }: { params: Promise<{ lang: string }> }): Promise<Response> {
    const { lang } = await params;
    return feedResponse(isLanguage(lang) ? await languageFeedSource(getStore(), lang) : undefined, file);
  };
}

export function termFeedRoute(taxonomy: Taxonomy, file: FeedFile) {
  return async function GET(_request: Request, { params }: { params: Promise<{ lang: string; term: string }> }): Promise<Response> {
    const { lang, term: termParam } = await params;
    const term = await loadTerm(lang, taxonomy, termParam);
    return feedResponse(term && (await termFeedSource(getStore(), lang, term)), file);
  };
}
