import { getContent } from '@/lib/content';
import { ArticleSearch } from './articleSearch';

export type { SearchRequest, SearchResponse, SearchResult, SearchSort } from './articleSearch';
export type { Segment } from './highlight';

const slot = Symbol.for('broadsheet.search');
type Slot = { [slot]?: Promise<ArticleSearch> };

/**
 * The site's search, one per server process (shared through globalThis like the content store).
 * The index builds in the background from server start; a search before it is done waits.
 */
export function getSearch(): Promise<ArticleSearch> {
  const holder = globalThis as Slot;
  holder[slot] ??= getContent().then(({ store }) => {
    const search = new ArticleSearch(store);
    void search.ready.then(
      () => console.info(`[search] ${search.index.size} articles indexed in ${search.buildMs} ms`),
      (error: unknown) => console.error('[search] index build failed', error),
    );
    return search;
  }).catch((error: unknown) => {
    delete holder[slot];
    throw error;
  });
  return holder[slot];
}
