import type { CatalogReader, Term } from '@/lib/store';
import { siteConfig } from '@/lib/config';
import { termTitle, withSiteName } from '@/lib/rendering/metadata';
import { homeUrl, termUrl } from '@/lib/routing/urls';
import { FEED_ITEMS, type FeedSource } from './feedData';

/** A language's feed: its newest articles, under the site's name. */
export async function languageFeedSource(store: Pick<CatalogReader, 'articles'>, lang: string): Promise<FeedSource> {
  return { lang, title: siteConfig.title, pagePath: homeUrl(lang), articles: await store.articles(lang, 0, FEED_ITEMS) };
}

/** A term's feed, under the same title the term page's <link rel="alternate"> gives it. */
export async function termFeedSource(store: Pick<CatalogReader, 'termArticles'>, lang: string, term: Term): Promise<FeedSource> {
  return {
    lang,
    title: withSiteName(termTitle(lang, term.taxonomy, term.name)),
    pagePath: termUrl(lang, term.taxonomy, term.slug),
    articles: await store.termArticles(lang, term, 0, FEED_ITEMS),
  };
}
