import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThreadPriority, SEARCH_NICE } from '@/lib/store/ingest/threadPriority';
import { typesetArticle } from '@/lib/rendering/markdown/typography';
import { ContentIndex } from './contentIndex';
import { Fts5Index } from './fullText';
import { sqliteSearchCatalog } from './searchCatalog';
import { ArticleSearch, type SearchRequest } from '@/lib/search/articleSearch';

/*
 * One of the search threads (queryPool.ts): its own read-only connections to the catalog and its
 * full-text index, so a search, however long, never holds the server's thread.
 */
// Readers of other pages come first: a search takes the time the server's thread leaves.
lowerThreadPriority(SEARCH_NICE);
const { file, searchFile, typographer } = workerData as { file: string; searchFile: string; typographer: boolean };
const open = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -16384');
  return db;
};
// Titles and summaries as the rest of the site shows them, highlighted after typesetting.
const db = open(file);
const search = new ArticleSearch(new Fts5Index(open(searchFile), db), sqliteSearchCatalog(new ContentIndex(db, typographer ? typesetArticle : undefined)));

type Task = { id: number; kind: 'search'; request: SearchRequest } | { id: number; kind: 'suggest'; query: string; lang: string; limit: number };

parentPort?.on('message', async (task: Task) => {
  const started = performance.now();
  try {
    const result = task.kind === 'search' ? await search.search(task.request) : await search.suggest(task.query, task.lang, task.limit);
    parentPort?.postMessage({ id: task.id, result, ms: performance.now() - started });
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: (error as Error).message });
  }
});
