import { siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import { RelatedArticles } from '@/lib/search/relatedArticles';
import type { ChangeRecord, ContentStore } from '../types';
import { getContent } from './catalog';
import { changeRecordOf } from '@/lib/store/ingest/changeSet';
import { searchFileOf } from './database';
import { Fts5Index } from './fullText';
import { QueryPool } from './queryPool';
import { SqliteReader } from './reader';

/**
 * The SQLite engine as the site uses it: the catalog of the content folder beside this server
 * (catalog.ts: its writer on a thread of its own follows the folder), read on the server's
 * thread; searches on threads of their own (queryPool.ts); related articles from the same index.
 */
export function openSqliteStore(): ContentStore {
  const content = getContent();
  const reader = new SqliteReader(content.index);
  let search: QueryPool | undefined;
  let related: RelatedArticles | undefined;
  content.onChange(() => related?.forget());
  return Object.assign(reader, {
    engine: 'sqlite' as const,
    ready: content.ready,
    // Threads are started on the first search, not at boot.
    get search() {
      search ??= new QueryPool({ file: content.file, searchFile: searchFileOf(content.file), typographer: siteConfig.typographer });
      return search;
    },
    async related(article: ArticleMeta, limit: number): Promise<ArticleMeta[]> {
      if (limit <= 0) return [];
      const id = content.index.idOf(article);
      if (id === undefined) return [];
      related ??= new RelatedArticles(new Fts5Index(content.searchDb, content.db));
      return content.index.byIds(await related.find({ id, lang: article.lang, title: article.title, summary: article.summary }, limit));
    },
    position: async () => content.position(),
    changesSince: async (seq: number) => content.changesSince(seq),
    onChange(listener: (record: ChangeRecord) => void) {
      return content.onChange((change) => {
        if (change.seq === undefined) return;
        listener(change.set ? changeRecordOf(change.set, change.seq) : { seq: change.seq, bulk: true });
      });
    },
  });
}
