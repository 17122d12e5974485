import type { Database, Statement } from 'better-sqlite3';
import { languageToken } from '@/lib/search/ftsText';
import { type MatchQuery, toFts5 } from '@/lib/search/matchQuery';
import type { FullTextIndex } from '../types';

/**
 * The full-text index in SQLite: an FTS5 table in a file of its own (lib/catalog/schema.ts),
 * rowid = article id, so FTS5 returns matches newest first without sorting and stops at the
 * limit. Synchronous inside (`*Now`), async to the interface.
 */
export class Fts5Index implements FullTextIndex {
  private readonly countStatement: Statement<[string], number>;
  private readonly pageStatement: Statement<[string, number, number], number>;
  private readonly inLanguageStatement: Statement<[string, string], number>;
  private readonly titleStatement: Statement<[number], string | null>;

  /** `searchDb`: the index's file; `db`: the catalog, for languages and titles. */
  constructor(searchDb: Database, db: Database) {
    this.countStatement = searchDb.prepare<[string], number>('SELECT count(*) FROM search WHERE search MATCH ?').pluck();
    this.pageStatement = searchDb
      .prepare<[string, number, number], number>('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?')
      .pluck();
    this.inLanguageStatement = db
      .prepare<[string, string], number>('SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND lang = ? ORDER BY id DESC')
      .pluck();
    this.titleStatement = db.prepare<[number], string | null>("SELECT json_extract(meta, '$.title') FROM articles WHERE id = ?").pluck();
  }

  private expression(query: MatchQuery): string {
    return toFts5(query, languageToken);
  }

  countNow(query: MatchQuery): number {
    return this.countStatement.get(this.expression(query)) ?? 0;
  }

  idsNow(query: MatchQuery, limit: number, offset: number): number[] {
    return limit <= 0 ? [] : this.pageStatement.all(this.expression(query), limit, offset);
  }

  inLanguageNow(ids: readonly number[], lang: string): number[] {
    return ids.length === 0 ? [] : this.inLanguageStatement.all(JSON.stringify(ids), lang);
  }

  titlesNow(ids: readonly number[]): Map<number, string> {
    const titles = new Map<number, string>();
    for (const id of ids) {
      const title = this.titleStatement.get(id);
      if (typeof title === 'string') titles.set(id, title);
    }
    return titles;
  }

  async count(query: MatchQuery): Promise<number> {
    return this.countNow(query);
  }

  async ids(query: MatchQuery, limit: number, offset: number): Promise<number[]> {
    return this.idsNow(query, limit, offset);
  }

  async inLanguage(ids: readonly number[], lang: string): Promise<number[]> {
    return this.inLanguageNow(ids, lang);
  }

  async titles(ids: readonly number[]): Promise<Map<number, string>> {
    return this.titlesNow(ids);
  }
}
