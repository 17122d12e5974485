import type { ContentIndex } from './contentIndex';
import type { SearchCatalog } from '@/lib/search/articleSearch';

/** What search reads of the SQLite catalog: the articles found, as readers see them, and their published text. */
export function sqliteSearchCatalog(index: ContentIndex): SearchCatalog {
  return {
    byIds: async (ids) => index.byIds(ids),
    source: async (article) => index.source(article),
  };
}
