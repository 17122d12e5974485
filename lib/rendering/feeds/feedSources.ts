import type { ArticleMeta, CatalogReader, Term } from '@/lib/store';
import { authorId } from '@/lib/content/authors';
import { siteConfig } from '@/lib/config';
import { termTitle, withSiteName } from '@/lib/rendering/metadata';
import { homeUrl, termUrl } from '@/lib/routing/urls';
import { FEED_ITEMS, type FeedSource } from './feedData';

/** Described authors' names (issue 29) of the articles of a feed, by id, for their bylines. */
export async function authorNamesOf(store: Partial<Pick<CatalogReader, 'authorDescriptions'>>, articles: readonly ArticleMeta[]): Promise<Map<string, string>> {
  const ids = [...new Set(articles.flatMap((article) => (article.authors ?? []).map(authorId)))];
  if (ids.length === 0 || !store.authorDescriptions) return new Map();
  return new Map((await store.authorDescriptions(ids)).map((author) => [author.id, author.name]));
}

/** A language's feed: its newest articles, under the site's name. */
export async function languageFeedSource(
  store: Pick<CatalogReader, 'articles'> & Partial<Pick<CatalogReader, 'authorDescriptions'>>,
  lang: string,
): Promise<FeedSource> {
  const articles = await store.articles(lang, 0, FEED_ITEMS);
  return { lang, title: siteConfig.title, pagePath: homeUrl(lang), articles, authorNames: await authorNamesOf(store, articles) };
}

/** A term's feed, under the same title the term page's <link rel="alternate"> gives it. */
export async function termFeedSource(
  store: Pick<CatalogReader, 'termArticles'> & Partial<Pick<CatalogReader, 'authorDescriptions'>>,
  lang: string,
  term: Term,
): Promise<FeedSource> {
  const articles = await store.termArticles(lang, term, 0, FEED_ITEMS);
  return {
    lang,
    title: withSiteName(termTitle(lang, term.taxonomy, term.name)),
    pagePath: termUrl(lang, term.taxonomy, term.slug),
    articles,
    authorNames: await authorNamesOf(store, articles),
  };
}
