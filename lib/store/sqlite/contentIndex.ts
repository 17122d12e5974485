import type { Database } from 'better-sqlite3';
import type { Taxonomy } from '@/lib/content/terms';
import type { ArticleStub, AuthorDescription, AuthorEntry, CorrectionEntry, Former, NewsroomList, NewsStub, Term } from '../types';
import { correctionEntry } from '../rules';
import type { ArticleMeta } from '@/lib/content/types';
import { firstKeyAt } from '@/lib/store/ingest/sortKey';

/** How an article's stored metadata is shown to readers (typography); the catalog stores it as written. */
export type Presenter = (article: ArticleMeta) => ArticleMeta;

/**
 * What the pages ask of the catalog, each an indexed query: one article by URL, a page of a list
 * newest first, a term and its count, neighbours, menus. No query reads more rows than it
 * returns (beyond skipping to a page), so a page costs the same in a thousand articles or a
 * million.
 */
export class ContentIndex {
  private readonly q: ReturnType<ContentIndex['prepare']>;

  constructor(
    private readonly db: Database,
    private readonly present: Presenter = (article) => article,
  ) {
    this.q = this.prepare();
  }

  private parse(row: { meta: string } | undefined): ArticleMeta | undefined {
    return row ? this.present(JSON.parse(row.meta) as ArticleMeta) : undefined;
  }

  private parseAll(rows: { meta: string }[]): ArticleMeta[] {
    return rows.map((row) => this.present(JSON.parse(row.meta) as ArticleMeta));
  }

  private prepare() {
    const db = this.db;
    // The rows to skip are skipped in the list's own index, and only the page's rows are joined
    // to their articles: joining first made page 5,000 of a million-article list look up 50,000
    // articles to throw away (75 ms warm, seconds cold; 2 ms this way).
    const slice = (order: 'ASC' | 'DESC') => `SELECT article FROM list_items WHERE list = ? ORDER BY article ${order} LIMIT ? OFFSET ?`;
    const listPage = (order: 'ASC' | 'DESC') =>
      db.prepare<[number, number, number], { meta: string }>(
        `SELECT a.meta FROM (${slice(order)}) i JOIN articles a ON a.id = i.article ORDER BY i.article ${order}`,
      );
    return {
      authorData: db.prepare<[string], string>('SELECT data FROM authors WHERE id = ? ORDER BY path LIMIT 1').pluck(),
      total: db.prepare<[], { n: number | null }>("SELECT sum(count) AS n FROM lists WHERE kind = 'all'"),
      complete: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'complete'"),
      byKey: db.prepare<[string], { meta: string }>('SELECT meta FROM articles WHERE key = ?'),
      moved: db.prepare<[string], string>('SELECT target FROM moved WHERE key = ?').pluck(),
      gone: db.prepare<[string], number>('SELECT 1 FROM gone WHERE key = ?').pluck(),
      source: db.prepare<[string], Buffer>('SELECT s.bytes FROM articles a JOIN sources s ON s.id = a.id WHERE a.key = ?').pluck(),
      byId: db.prepare<[number], { meta: string }>('SELECT meta FROM articles WHERE id = ?'),
      idOfKey: db.prepare<[string], { id: number }>('SELECT id FROM articles WHERE key = ?'),
      byLowerKey: db.prepare<[string], { meta: string }>('SELECT meta FROM articles WHERE key_lower = ? ORDER BY id DESC LIMIT 1'),
      list: db.prepare<[string, string, string], { id: number; name: string; count: number }>(
        'SELECT id, name, count FROM lists WHERE lang = ? AND kind = ? AND slug = ?',
      ),
      pageDesc: listPage('DESC'),
      pageAsc: listPage('ASC'),
      termCount: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM lists WHERE lang = ? AND kind = ? AND count > 0'),
      terms: db.prepare<[string, string], { slug: string; name: string; count: number }>(
        'SELECT slug, name, count FROM lists WHERE lang = ? AND kind = ? AND count > 0',
      ),
      topTerms: db.prepare<[string, string, number], { slug: string; name: string; count: number }>(
        'SELECT slug, name, count FROM lists WHERE lang = ? AND kind = ? AND count > 0 ORDER BY count DESC, name LIMIT ?',
      ),
      newer: db.prepare<[number, number], { meta: string }>(
        'SELECT a.meta FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = ? AND i.article > ? ORDER BY i.article ASC LIMIT 1',
      ),
      older: db.prepare<[number, number], { meta: string }>(
        'SELECT a.meta FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = ? AND i.article < ? ORDER BY i.article DESC LIMIT 1',
      ),
      stubs: db.prepare<[number, number, number], { key: string; date: number; lastmod: number | null }>(
        // An article last changed at its lastmod or its newest correction, whichever is later.
        `SELECT a.key, a.date, max(coalesce(json_extract(a.meta, '$.lastmod'), 0), coalesce((SELECT max(c.date) FROM corrections c WHERE c.article = a.id), 0)) AS lastmod
         FROM (${slice('DESC')}) i JOIN articles a ON a.id = i.article ORDER BY i.article DESC`,
      ),
      // From the corrections' own index, newest first; only the page's rows are joined to their articles.
      corrections: db.prepare<[string, number, number], { date: number; n: number; meta: string }>(
        `SELECT c.date, c.n, a.meta FROM (SELECT article, n, date FROM corrections WHERE lang = ? ORDER BY date DESC, article DESC, n DESC LIMIT ? OFFSET ?) c
         JOIN articles a ON a.id = c.article ORDER BY c.date DESC, c.article DESC, c.n DESC`,
      ),
      newsStubs: db.prepare<[number, number, number, number], { key: string; date: number; title: string }>(
        `SELECT a.key, a.date, json_extract(a.meta, '$.title') AS title FROM list_items i JOIN articles a ON a.id = i.article
         WHERE i.list = ? AND i.article >= ? AND a.date >= ? AND json_extract(a.meta, '$.type') IS NOT 'sponsored' ORDER BY i.article DESC LIMIT ?`,
      ),
    };
  }

  private wasComplete = false;

  /**
   * Whether the catalog has read the whole folder at least once. Until then (a first start on a
   * large archive), a URL it does not know may be one it has not reached yet.
   */
  get complete(): boolean {
    this.wasComplete ||= this.q.complete.get() !== undefined;
    return this.wasComplete;
  }

  /** Every published article. */
  get size(): number {
    return this.q.total.get()?.n ?? 0;
  }

  article(lang: string, slug: readonly string[]): ArticleMeta | undefined {
    return this.parse(this.q.byKey.get(`${lang}/${slug.join('/')}`));
  }

  /** What a URL no article holds was: moved, or taken down. */
  formerly(lang: string, slug: readonly string[]): Former | undefined {
    const key = `${lang}/${slug.join('/')}`;
    const target = this.q.moved.get(key);
    if (target !== undefined) return { redirect: target };
    return this.q.gone.get(key) ? { gone: true } : undefined;
  }

  /**
   * The published text of an article, as the catalog took it from its file in the same update as
   * its metadata: the body rendered is always the one the metadata came from, and stays the last
   * good one when the file is broken (catalogWriter.ts, holds).
   */
  source(article: Pick<ArticleMeta, 'key'>): string | undefined {
    return this.q.source.get(article.key)?.toString('utf8');
  }

  /**
   * An article whose URL differs only in letter case: Hugo lowercased every URL, so its links to
   * `20250212A06YSW` read `20250212a06ysw`. The newest wins when two differ only in case.
   */
  articleIgnoringCase(lang: string, slug: readonly string[]): ArticleMeta | undefined {
    return this.parse(this.q.byLowerKey.get(`${lang}/${slug.join('/')}`.toLowerCase()));
  }

  /** The catalog's id of an article (its place in time, sortKey.ts). */
  idOf(article: Pick<ArticleMeta, 'key'>): number | undefined {
    return this.q.idOfKey.get(article.key)?.id;
  }

  /** Articles by id, in the order given; ids no longer published are left out. */
  byIds(ids: readonly number[]): ArticleMeta[] {
    return ids.flatMap((id) => this.parse(this.q.byId.get(id)) ?? []);
  }

  /** The same article in another language, found by the shared path after the language prefix. */
  translation(article: Pick<ArticleMeta, 'slug'>, lang: string): ArticleMeta | undefined {
    return this.article(lang, article.slug);
  }

  private listOf(lang: string, kind: string, slug: string) {
    return this.q.list.get(lang, kind, slug);
  }

  /** Published articles in a language. */
  count(lang: string): number {
    return this.listOf(lang, 'all', '')?.count ?? 0;
  }

  /** A slice of a language's articles, newest first. */
  articles(lang: string, offset: number, limit: number): ArticleMeta[] {
    return this.page(this.listOf(lang, 'all', ''), offset, limit);
  }

  /**
   * Rows `offset` to `offset + limit` of a list, newest first. Past the middle of a long list
   * the list is read from its other end, so no page skips more than half of it.
   */
  private page(list: { id: number; count: number } | undefined, offset: number, limit: number): ArticleMeta[] {
    if (!list || limit <= 0 || offset >= list.count) return [];
    if (offset > list.count / 2) {
      const end = Math.min(list.count, offset + limit);
      return this.parseAll(this.q.pageAsc.all(list.id, end - offset, list.count - end)).reverse();
    }
    return this.parseAll(this.q.pageDesc.all(list.id, limit, offset));
  }

  term(lang: string, taxonomy: Taxonomy, slug: string): Term | undefined {
    const list = this.listOf(lang, taxonomy, slug);
    return list && list.count > 0 ? { taxonomy, name: list.name, slug, count: list.count } : undefined;
  }

  /** A slice of a term's articles, newest first. */
  termArticles(lang: string, term: Pick<Term, 'taxonomy' | 'slug'>, offset: number, limit: number): ArticleMeta[] {
    return this.page(this.listOf(lang, term.taxonomy, term.slug), offset, limit);
  }

  /** An author's list or the corrected articles' (store types: newsroomList). */
  newsroomList(lang: string, kind: NewsroomList, slug: string): { name: string; count: number } | undefined {
    const list = this.listOf(lang, kind, slug);
    return list && list.count > 0 ? { name: list.name, count: list.count } : undefined;
  }

  newsroomArticles(lang: string, kind: NewsroomList, slug: string, offset: number, limit: number): ArticleMeta[] {
    return this.page(this.listOf(lang, kind, slug), offset, limit);
  }

  /** Described authors among these ids (the first file by path of each id), in the order given. */
  authorDescriptions(ids: readonly string[]): AuthorDescription[] {
    return [...new Set(ids)].flatMap((id) => {
      const data = this.q.authorData.get(id);
      return data === undefined ? [] : [JSON.parse(data) as AuthorDescription];
    });
  }

  /** A language's authors with published articles, by name. */
  authorsIn(lang: string): AuthorEntry[] {
    const collator = new Intl.Collator(lang);
    return this.q.terms
      .all(lang, 'authors')
      .map((row) => ({ id: row.slug, name: row.name, count: row.count }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  authorCount(lang: string): number {
    return this.q.termCount.get(lang, 'authors')?.n ?? 0;
  }

  /** A slice of a language's corrections, newest first (store types: recentCorrections). */
  recentCorrections(lang: string, offset: number, limit: number): CorrectionEntry[] {
    if (limit <= 0) return [];
    return this.q.corrections.all(lang, limit, Math.max(0, offset)).flatMap((row) => correctionEntry(this.present(JSON.parse(row.meta) as ArticleMeta), row));
  }

  /** A language's terms of a taxonomy, by name. */
  termsOf(lang: string, taxonomy: Taxonomy): Term[] {
    const collator = new Intl.Collator(lang);
    return this.q.terms
      .all(lang, taxonomy)
      .map((row) => ({ taxonomy, ...row }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  /** How many terms of a taxonomy a language uses: counted, none read. */
  termCount(lang: string, taxonomy: Taxonomy): number {
    return this.q.termCount.get(lang, taxonomy)?.n ?? 0;
  }

  /** The most used terms of a taxonomy, most used first (then by name). */
  topTerms(lang: string, taxonomy: Taxonomy, limit: number): Term[] {
    return this.q.topTerms.all(lang, taxonomy, limit).map((row) => ({ taxonomy, ...row }));
  }

  /** Articles whose front matter places them in a menu ("main", "side", "footer"), oldest first. */
  menuArticles(lang: string, menu: string): ArticleMeta[] {
    const list = this.listOf(lang, 'menu', menu);
    return list && list.count > 0 ? this.parseAll(this.q.pageAsc.all(list.id, list.count, 0)) : [];
  }

  /** A language's articles with a breaking-news line, newest first. */
  breaking(lang: string, limit: number): ArticleMeta[] {
    return this.page(this.listOf(lang, 'breaking', ''), 0, limit);
  }

  /** Newer and older neighbours in the same language (Mainroad's pager). */
  neighbours(article: Pick<ArticleMeta, 'key' | 'lang'>): { newer?: ArticleMeta; older?: ArticleMeta } {
    const id = this.q.idOfKey.get(article.key)?.id;
    const list = this.listOf(article.lang, 'all', '');
    if (id === undefined || !list) return {};
    return { newer: this.parse(this.q.newer.get(list.id, id)), older: this.parse(this.q.older.get(list.id, id)) };
  }

  /**
   * A language's articles dated `since` (epoch ms) or later, newest first, at most `limit`: a
   * news sitemap's entries. An id is its date (sortKey.ts), so this is a range of the list's index.
   */
  newsStubs(lang: string, since: number, limit: number): NewsStub[] {
    const list = this.listOf(lang, 'all', '');
    if (!list || limit <= 0) return [];
    return this.q.newsStubs.all(list.id, firstKeyAt(since), since, limit).map((row) => {
      const { title } = this.present({ title: row.title, summary: '', lead: '', excerpt: '' } as ArticleMeta);
      return { lang, slug: row.key.slice(lang.length + 1).split('/'), date: row.date, title };
    });
  }

  /** A slice of a language's articles as a sitemap lists them, newest first. */
  articleStubs(lang: string, offset: number, limit: number): ArticleStub[] {
    const list = this.listOf(lang, 'all', '');
    // Past the end, nothing to skip through: OFFSET would step over every row first.
    if (!list || limit <= 0 || offset >= list.count) return [];
    return this.q.stubs.all(list.id, limit, offset).map((row) => ({
      lang,
      slug: row.key.slice(lang.length + 1).split('/'),
      date: row.date,
      lastmod: row.lastmod || undefined,
    }));
  }
}
