import type { TouchedArticle, TouchedAuthor } from '@/lib/store';
import { taxonomies, termSlug } from '@/lib/content/terms';
import { correctionsUrl } from '@/lib/routing/urls';
import { languageTag, listTag, pathTag, sitemapIndexTag, sitemapTag, takedownTag, taxonomyTag, termTag } from '@/lib/server/pageCache/pageTags.mjs';
import { siteConfig } from '@/lib/config';

/** What a change refreshes at once, and which languages' other pages catch up later. */
export interface ChangeRefresh {
  /** Page-cache tags (lib/server/pageCache/pageTags.mjs) of every page whose content the change touched. */
  tags: string[];
  /** Languages whose other pages show the change only in their sidebars. */
  sidebarLanguages: string[];
}

function touchedTags(article: TouchedArticle, languages: readonly string[], recentCount: number, into: Set<string>): void {
  const slug = article.slug.join('/');
  // The article; the same path in the other languages (their language links and alternates).
  for (const lang of languages) into.add(pathTag(`/${lang}/${slug}`));
  // Its social image (title, category); its language's sitemaps and the index (URLs and dates).
  into.add(pathTag(`/og/${article.lang}/${slug}`));
  into.add(sitemapTag(article.lang));
  into.add(sitemapIndexTag);
  // Its language's home and list pages; every page of its terms; the terms' indexes (counts).
  into.add(listTag(article.lang));
  for (const taxonomy of taxonomies) {
    for (const name of article[taxonomy]) into.add(termTag(article.lang, taxonomy, termSlug(name)));
    into.add(taxonomyTag(article.lang, taxonomy));
  }
  // Its authors' pages (their lists of articles) and the language's list of authors (counts).
  for (const id of article.authors ?? []) into.add(termTag(article.lang, 'authors', id));
  if (article.authors?.length) into.add(taxonomyTag(article.lang, 'authors'));
  // Its pager neighbours, whose newer and older links name it.
  for (const key of [article.newer, article.older]) if (key) into.add(pathTag(`/${key}`));
  // A menu entry shows on every page of the language.
  if (article.menu) into.add(languageTag(article.lang));
  // A corrected article is on its language's corrections page (its title, its corrections).
  if (article.corrected) into.add(pathTag(correctionsUrl(article.lang)));
  // Taken down: gone from the caches in front at once, not served once more while they fetch
  // again. One of the newest is in every page's recent articles: those pages now, not when their
  // sidebars next refresh.
  if (article.removed) {
    into.add(takedownTag);
    if ((article.newerCount ?? 0) < recentCount) into.add(languageTag(article.lang));
  }
}

/**
 * The pages a change touched: for each article before and after it (an edit may move it between
 * terms, or in time between neighbours), its own page, its lists, its terms and its neighbours.
 * Nothing else: the rest of the cache keeps serving, and sidebars catch up on a timer.
 */
export function changeRefresh(
  touched: readonly TouchedArticle[],
  languages: readonly string[],
  authors: readonly TouchedAuthor[] = [],
  recentCount: number = siteConfig.recentCount,
): ChangeRefresh {
  const tags = new Set<string>();
  const sidebarLanguages = new Set<string>();
  for (const article of touched) {
    touchedTags(article, languages, recentCount, tags);
    sidebarLanguages.add(article.lang);
  }
  // An author's description changed: their pages in every language, and the pages of the
  // articles that show it (byline, author box), named one by one up to a bound, past it every
  // page of the language. Lists showing their bylines catch up with the sidebars of the languages
  // they write in (a renamed author), as for any change there.
  for (const author of authors) {
    for (const lang of languages) {
      tags.add(termTag(lang, 'authors', author.id));
      tags.add(taxonomyTag(lang, 'authors'));
    }
    for (const key of author.keys) {
      tags.add(pathTag(`/${key}`));
      sidebarLanguages.add(key.slice(0, key.indexOf('/')));
    }
    for (const lang of author.manyIn ?? []) {
      tags.add(languageTag(lang));
      sidebarLanguages.add(lang);
    }
  }
  return { tags: [...tags], sidebarLanguages: [...sidebarLanguages] };
}
