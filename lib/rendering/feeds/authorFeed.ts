import type { CatalogReader } from '@/lib/store';
import { withSiteName } from '@/lib/rendering/metadata';
import { authorStrings } from '@/lib/i18n/authors';
import { fill } from '@/lib/i18n';
import { authorUrl } from '@/lib/routing/urls';
import { FEED_ITEMS, type FeedSource } from './feedData';
import { authorNamesOf } from './feedSources';

/** An author's feed (issue 29): their newest articles in a language, under their page's title. */
export async function authorFeedSource(
  store: Pick<CatalogReader, 'newsroomArticles' | 'authorDescriptions'>,
  lang: string,
  author: { id: string; name: string },
): Promise<FeedSource> {
  const articles = await store.newsroomArticles(lang, 'authors', author.id, 0, FEED_ITEMS);
  return {
    lang,
    title: withSiteName(authorPageTitle(lang, author.name)),
    pagePath: authorUrl(lang, author.id),
    articles,
    authorNames: await authorNamesOf(store, articles),
  };
}

/** "Articles by Mei Chan": an author page's title, and its feed's. */
export function authorPageTitle(lang: string, name: string): string {
  return fill(authorStrings(lang).pageTitle, { name });
}
