import type { ContentIndex, Term } from '@/lib/store/sqlite/contentIndex';
import { siteConfig } from '@/lib/config';
import { termTitle, withSiteName } from '@/lib/rendering/metadata';
import { homeUrl, termUrl } from '@/lib/routing/urls';
import { FEED_ITEMS, type FeedSource } from './feedData';

/** A language's feed: its newest articles, under the site's name. */
export function languageFeedSource(index: ContentIndex, lang: string): FeedSource {
  return { lang, title: siteConfig.title, pagePath: homeUrl(lang), articles: index.articles(lang, 0, FEED_ITEMS) };
}

/** A term's feed, under the same title the term page's <link rel="alternate"> gives it. */
export function termFeedSource(index: ContentIndex, lang: string, term: Term): FeedSource {
  return {
    lang,
    title: withSiteName(termTitle(lang, term.taxonomy, term.name)),
    pagePath: termUrl(lang, term.taxonomy, term.slug),
    articles: index.termArticles(lang, term, 0, FEED_ITEMS),
  };
}
