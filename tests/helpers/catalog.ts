import Database from 'better-sqlite3';
import { CatalogWriter, type WriterOptions } from '@/lib/store/sqlite/catalogWriter';
import { problemsOf } from '@/lib/store/sqlite/checkFolder';
import { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import { initializeCatalog } from '@/lib/store/sqlite/database';
import { SearchWriter } from '@/lib/store/sqlite/searchWriter';
import type { ArticleMeta } from '@/lib/content/types';
import { ArticleSearch } from '@/lib/search/articleSearch';
import { Fts5Index } from '@/lib/store/sqlite/fullText';
import { sqliteSearchCatalog } from '@/lib/store/sqlite/searchCatalog';
import { SqliteReader } from '@/lib/store/sqlite/reader';

export interface TestCatalog {
  db: Database.Database;
  searchDb: Database.Database;
  writer: CatalogWriter;
  index: ContentIndex;
  /** The same catalog behind the store's async interface, as pages read it. */
  reader: SqliteReader;
  search: ArticleSearch;
}

/** A catalog of a content folder in memory, read in full, as the server's writer reads it. */
export async function loadCatalog(dir: string, options: Partial<WriterOptions> = {}): Promise<TestCatalog> {
  const db = new Database(':memory:');
  const searchDb = new Database(':memory:');
  initializeCatalog(db, searchDb, 'test');
  const writer = new CatalogWriter(
    db,
    dir,
    {
      languages: ['en', 'zh-CN', 'zh-HK'],
      defaultLanguage: 'en',
      timeZone: 'UTC',
      preview: false,
      ...options,
    },
    new SearchWriter(searchDb),
  );
  await writer.reconcile();
  return {
    db,
    searchDb,
    writer,
    index: new ContentIndex(db),
    reader: new SqliteReader(new ContentIndex(db)),
    search: new ArticleSearch(new Fts5Index(searchDb, db), sqliteSearchCatalog(new ContentIndex(db))),
  };
}

/**
 * What the catalog makes of a folder, as the loader's tests look at it: every article (drafts
 * and future ones included: preview), in file order, each problem, and the files found.
 */
export async function loadFolder(dir: string, options: Partial<WriterOptions> = {}) {
  const { db } = await loadCatalog(dir, { preview: true, ...options });
  const articles = db
    .prepare<[], { meta: string }>('SELECT meta FROM articles ORDER BY path')
    .all()
    .map((row) => JSON.parse(row.meta) as ArticleMeta);
  const fileCount = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
  return { articles, problems: problemsOf(db), fileCount };
}
