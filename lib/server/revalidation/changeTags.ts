import type { ArticleState, ChangeSet } from '@/lib/catalog/catalogWriter';
import { taxonomies, termSlug } from '@/lib/content/terms';
import { languageTag, listTag, pathTag, sitemapIndexTag, sitemapTag, taxonomyTag, termTag } from '@/lib/server/pageCache/pageTags.mjs';

/** What a change refreshes at once, and which languages' other pages catch up later. */
export interface ChangeRefresh {
  /** Page-cache tags (lib/server/pageCache/pageTags.mjs) of every page whose content the change touched. */
  tags: string[];
  /** Languages whose other pages show the change only in their sidebars. */
  sidebarLanguages: string[];
}

function stateTags(state: ArticleState, languages: readonly string[], into: Set<string>): void {
  const { meta } = state;
  const slug = meta.slug.join('/');
  // The article; the same path in the other languages (their language links and alternates).
  for (const lang of languages) into.add(pathTag(`/${lang}/${slug}`));
  // Its social image (title, category); its language's sitemaps and the index (URLs and dates).
  into.add(pathTag(`/og/${meta.lang}/${slug}`));
  into.add(sitemapTag(meta.lang));
  into.add(sitemapIndexTag);
  // Its language's home and list pages; every page of its terms; the terms' indexes (counts).
  into.add(listTag(meta.lang));
  for (const taxonomy of taxonomies) {
    for (const name of meta[taxonomy]) into.add(termTag(meta.lang, taxonomy, termSlug(name)));
    into.add(taxonomyTag(meta.lang, taxonomy));
  }
  // Its pager neighbours, whose newer and older links name it.
  for (const key of [state.newer, state.older]) if (key) into.add(pathTag(`/${key}`));
  // A menu entry shows on every page of the language.
  if (meta.menu.length > 0) into.add(languageTag(meta.lang));
}

/**
 * The pages a change touched: for each article before and after it (an edit may move it between
 * terms, or in time between neighbours), its own page, its lists, its terms and its neighbours.
 * Nothing else: the rest of the cache keeps serving, and sidebars catch up on a timer.
 */
export function changeRefresh(set: ChangeSet, languages: readonly string[]): ChangeRefresh {
  const tags = new Set<string>();
  const sidebarLanguages = new Set<string>();
  for (const change of set.changes) {
    for (const state of [change.before, change.after]) {
      if (!state) continue;
      stateTags(state, languages, tags);
      sidebarLanguages.add(state.meta.lang);
    }
  }
  return { tags: [...tags], sidebarLanguages: [...sidebarLanguages] };
}
