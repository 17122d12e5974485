/**
 * Builds the search index of a content folder in this process and prints how long it took and
 * how much memory it holds (heap and typed arrays, measured around forced garbage collections).
 *
 *   node --expose-gc --import tsx bench/search-index.ts <content folder>
 */
import { languages, siteConfig } from '@/lib/config';
import { ContentStore } from '@/lib/content/contentStore';
import { ArticleSearch } from '@/lib/search/articleSearch';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
/** Heap and typed arrays in use; array buffers are freed a collection or two after they die. */
const used = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
};

const dir = process.argv[2] ?? '../shared/corpus/content';
const store = new ContentStore(dir, {
  languages: languages.map((language) => language.code),
  defaultLanguage: siteConfig.defaultLanguage,
  timeZone: siteConfig.timeZone,
  preview: false,
});
await store.loadAll();
const before = await used();
const search = new ArticleSearch(store);
await search.ready;
const after = await used();
console.log(JSON.stringify({ articles: search.index.size, buildMs: search.buildMs, memoryMb: Math.round((after - before) / 1e6), ...search.index.stats() }));
