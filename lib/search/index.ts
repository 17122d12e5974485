import { getContent } from '@/lib/content';
import { ArticleSearch } from './articleSearch';

export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';

const slot = Symbol.for('broadsheet.search');
type Slot = { [slot]?: ArticleSearch };

/** The site's search, one per server process, over the catalog's full-text index. */
export function getSearch(): ArticleSearch {
  const holder = globalThis as Slot;
  if (!holder[slot]) {
    const { searchDb, db, dir } = getContent();
    holder[slot] = new ArticleSearch(searchDb, db, dir);
  }
  return holder[slot];
}
