import type pg from 'pg';
import { firstKeyAt } from '@/lib/store/ingest/sortKey';
import type {
  ArticleMeta,
  ArticleStub,
  AuthorDescription,
  AuthorEntry,
  CatalogReader,
  CorrectionEntry,
  Former,
  NewsroomList,
  NewsStub,
  Taxonomy,
  Term,
} from '@/lib/store/types';
import { correctionEntry } from '@/lib/store/rules';

interface ListRow {
  id: number;
  name: string;
  count: number;
}

// The rows to skip are skipped in the list's own index and only the page's rows are joined to
// their articles (as contentIndex.ts does): page 5,000 of a million-article list joins 10 rows.
const slice = (order: 'ASC' | 'DESC') => `SELECT article FROM list_items WHERE list = $1 ORDER BY article ${order} LIMIT $2 OFFSET $3`;
const page = (order: 'ASC' | 'DESC') => `SELECT a.meta FROM (${slice(order)}) i JOIN articles a ON a.id = i.article ORDER BY i.article ${order}`;

/** When an article last changed, as sitemaps date it: its lastmod or its newest correction, whichever is later (as contentIndex.ts's stubs). */
function lastChanged(meta: ArticleMeta): number | undefined {
  const latest = Math.max(meta.lastmod ?? 0, ...(meta.corrections ?? []).map((c) => c.date));
  return latest || undefined;
}

/** Every statement the reader prepares, by name (node-postgres prepares each once per connection). */
const statements = {
  authorData: 'SELECT DISTINCT ON (id) id, data FROM authors WHERE id = ANY($1::text[]) ORDER BY id, path',
  complete: "SELECT value FROM meta WHERE key = 'complete'",
  size: "SELECT coalesce(sum(count), 0)::int8 AS n FROM lists WHERE kind = 'all'",
  byKey: 'SELECT meta FROM articles WHERE key = $1',
  byLowerKey: 'SELECT meta FROM articles WHERE key_lower = $1 ORDER BY id DESC LIMIT 1',
  byKeys: 'SELECT key, meta FROM articles WHERE key = ANY($1::text[])',
  source: 'SELECT s.bytes FROM articles a JOIN sources s ON s.hash = a.hash WHERE a.key = $1',
  idOf: 'SELECT id FROM articles WHERE key = $1',
  byIds: 'SELECT id, meta FROM articles WHERE id = ANY($1::int8[])',
  list: 'SELECT id, name, count FROM lists WHERE lang = $1 AND kind = $2 AND slug = $3',
  pageDesc: page('DESC'),
  pageAsc: page('ASC'),
  terms: 'SELECT slug, name, count FROM lists WHERE lang = $1 AND kind = $2 AND count > 0',
  termCount: 'SELECT count(*)::int AS n FROM lists WHERE lang = $1 AND kind = $2 AND count > 0',
  moved: 'SELECT target FROM moved WHERE key = $1',
  gone: 'SELECT 1 AS one FROM gone WHERE key = $1',
  topTerms: 'SELECT slug, name, count FROM lists WHERE lang = $1 AND kind = $2 AND count > 0 ORDER BY count DESC, name LIMIT $3',
  neighbours: `SELECT
     (SELECT a.meta FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = $1 AND i.article > $2 ORDER BY i.article ASC LIMIT 1) AS newer,
     (SELECT a.meta FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = $1 AND i.article < $2 ORDER BY i.article DESC LIMIT 1) AS older`,
  newsStubs: `SELECT a.key, a.date, a.meta FROM list_items i JOIN articles a ON a.id = i.article
     WHERE i.list = $1 AND i.article >= $2 AND a.date >= $3 AND (a.meta::jsonb ->> 'type') IS DISTINCT FROM 'sponsored'
     ORDER BY i.article DESC LIMIT $4`,
  // From the corrections' own index, newest first; only the page's rows are joined to their articles.
  corrections: `SELECT c.date, c.n, a.meta FROM
     (SELECT article, n, date FROM corrections WHERE lang = $1 ORDER BY date DESC, article DESC, n DESC LIMIT $2 OFFSET $3) c
     JOIN articles a ON a.id = c.article ORDER BY c.date DESC, c.article DESC, c.n DESC`,
  stubs: `SELECT a.key, a.date, a.meta FROM (${slice('DESC')}) i JOIN articles a ON a.id = i.article ORDER BY i.article DESC`,
} as const;

type StatementName = keyof typeof statements;

/** How an article's stored metadata is shown to readers (typography); the store keeps it as written. */
export type Presenter = (article: ArticleMeta) => ArticleMeta;

/**
 * The published articles, their lists and terms, read from PostgreSQL: each call one indexed
 * query (two for a page of a list), none reading more rows than it returns beyond skipping to a
 * page, which is done from the nearer end of the list.
 */
export class PostgresCatalogReader implements CatalogReader {
  private wasComplete = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly present: Presenter = (article) => article,
  ) {}

  private readonly parse = (meta: string): ArticleMeta => this.present(JSON.parse(meta) as ArticleMeta);

  private async rows<R extends pg.QueryResultRow>(name: StatementName, values: unknown[]): Promise<R[]> {
    const result = await this.pool.query<R>({ name: `reader_${name}`, text: statements[name], values });
    return result.rows;
  }

  private async row<R extends pg.QueryResultRow>(name: StatementName, values: unknown[]): Promise<R | undefined> {
    return (await this.rows<R>(name, values))[0];
  }

  async complete(): Promise<boolean> {
    this.wasComplete ||= (await this.row('complete', [])) !== undefined;
    return this.wasComplete;
  }

  async size(): Promise<number> {
    return (await this.row<{ n: number }>('size', []))?.n ?? 0;
  }

  async article(lang: string, slug: readonly string[]): Promise<ArticleMeta | undefined> {
    const row = await this.row<{ meta: string }>('byKey', [`${lang}/${slug.join('/')}`]);
    return row && this.parse(row.meta);
  }

  async articleIgnoringCase(lang: string, slug: readonly string[]): Promise<ArticleMeta | undefined> {
    const row = await this.row<{ meta: string }>('byLowerKey', [`${lang}/${slug.join('/')}`.toLowerCase()]);
    return row && this.parse(row.meta);
  }

  async source(article: Pick<ArticleMeta, 'key'>): Promise<string | undefined> {
    const row = await this.row<{ bytes: Buffer }>('source', [article.key]);
    return row?.bytes.toString('utf8');
  }

  async formerly(lang: string, slug: readonly string[]): Promise<Former | undefined> {
    const key = `${lang}/${slug.join('/')}`;
    const moved = await this.row<{ target: string }>('moved', [key]);
    if (moved) return { redirect: moved.target };
    return (await this.row<{ one: number }>('gone', [key])) ? { gone: true } : undefined;
  }

  async termCount(lang: string, taxonomy: Taxonomy): Promise<number> {
    return (await this.row<{ n: number }>('termCount', [lang, taxonomy]))?.n ?? 0;
  }

  async idOf(article: Pick<ArticleMeta, 'key'>): Promise<number | undefined> {
    return (await this.row<{ id: number }>('idOf', [article.key]))?.id;
  }

  async byIds(ids: readonly number[]): Promise<ArticleMeta[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.rows<{ id: number; meta: string }>('byIds', [ids])).map((row) => [row.id, row.meta]));
    return ids.flatMap((id) => {
      const meta = found.get(id);
      return meta === undefined ? [] : [this.parse(meta)];
    });
  }

  async otherLanguages(article: Pick<ArticleMeta, 'slug' | 'lang'>, languages: readonly string[]): Promise<ArticleMeta[]> {
    const others = languages.filter((lang) => lang !== article.lang);
    if (others.length === 0) return [];
    const keys = others.map((lang) => `${lang}/${article.slug.join('/')}`);
    const found = new Map((await this.rows<{ key: string; meta: string }>('byKeys', [keys])).map((row) => [row.key, row.meta]));
    return keys.flatMap((key) => {
      const meta = found.get(key);
      return meta === undefined ? [] : [this.parse(meta)];
    });
  }

  private list(lang: string, kind: string, slug: string): Promise<ListRow | undefined> {
    return this.row<ListRow>('list', [lang, kind, slug]);
  }

  async count(lang: string): Promise<number> {
    return (await this.list(lang, 'all', ''))?.count ?? 0;
  }

  async articles(lang: string, offset: number, limit: number): Promise<ArticleMeta[]> {
    return this.page(await this.list(lang, 'all', ''), offset, limit);
  }

  /** Rows `offset` to `offset + limit` of a list, newest first; past its middle the list is read from its other end. */
  private async page(list: ListRow | undefined, offset: number, limit: number): Promise<ArticleMeta[]> {
    if (!list || limit <= 0 || offset >= list.count) return [];
    if (offset > list.count / 2) {
      const end = Math.min(list.count, offset + limit);
      const rows = await this.rows<{ meta: string }>('pageAsc', [list.id, end - offset, list.count - end]);
      return rows.map((row) => this.parse(row.meta)).reverse();
    }
    return (await this.rows<{ meta: string }>('pageDesc', [list.id, limit, offset])).map((row) => this.parse(row.meta));
  }

  async term(lang: string, taxonomy: Taxonomy, slug: string): Promise<Term | undefined> {
    const list = await this.list(lang, taxonomy, slug);
    return list && list.count > 0 ? { taxonomy, name: list.name, slug, count: list.count } : undefined;
  }

  async termArticles(lang: string, term: Pick<Term, 'taxonomy' | 'slug'>, offset: number, limit: number): Promise<ArticleMeta[]> {
    return this.page(await this.list(lang, term.taxonomy, term.slug), offset, limit);
  }

  async newsroomList(lang: string, kind: NewsroomList, slug: string): Promise<{ name: string; count: number } | undefined> {
    const list = await this.list(lang, kind, slug);
    return list && list.count > 0 ? { name: list.name, count: list.count } : undefined;
  }

  async newsroomArticles(lang: string, kind: NewsroomList, slug: string, offset: number, limit: number): Promise<ArticleMeta[]> {
    return this.page(await this.list(lang, kind, slug), offset, limit);
  }

  async authorDescriptions(ids: readonly string[]): Promise<AuthorDescription[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.rows<{ id: string; data: string }>('authorData', [[...new Set(ids)]])).map((row) => [row.id, row.data]));
    return [...new Set(ids)].flatMap((id) => {
      const data = found.get(id);
      return data === undefined ? [] : [JSON.parse(data) as AuthorDescription];
    });
  }

  async authorsIn(lang: string): Promise<AuthorEntry[]> {
    const collator = new Intl.Collator(lang);
    const rows = await this.rows<{ slug: string; name: string; count: number }>('terms', [lang, 'authors']);
    return rows.map((row) => ({ id: row.slug, name: row.name, count: row.count })).sort((a, b) => collator.compare(a.name, b.name));
  }

  async authorCount(lang: string): Promise<number> {
    return (await this.row<{ n: number }>('termCount', [lang, 'authors']))?.n ?? 0;
  }

  async recentCorrections(lang: string, offset: number, limit: number): Promise<CorrectionEntry[]> {
    if (limit <= 0) return [];
    const rows = await this.rows<{ date: number; n: number; meta: string }>('corrections', [lang, limit, Math.max(0, offset)]);
    return rows.flatMap((row) => correctionEntry(this.parse(row.meta), row));
  }

  async termsOf(lang: string, taxonomy: Taxonomy): Promise<Term[]> {
    const collator = new Intl.Collator(lang);
    const rows = await this.rows<{ slug: string; name: string; count: number }>('terms', [lang, taxonomy]);
    return rows.map((row) => ({ taxonomy, ...row })).sort((a, b) => collator.compare(a.name, b.name));
  }

  async topTerms(lang: string, taxonomy: Taxonomy, limit: number): Promise<Term[]> {
    const rows = await this.rows<{ slug: string; name: string; count: number }>('topTerms', [lang, taxonomy, limit]);
    return rows.map((row) => ({ taxonomy, ...row }));
  }

  async menuArticles(lang: string, menu: string): Promise<ArticleMeta[]> {
    const list = await this.list(lang, 'menu', menu);
    if (!list || list.count === 0) return [];
    return (await this.rows<{ meta: string }>('pageAsc', [list.id, list.count, 0])).map((row) => this.parse(row.meta));
  }

  /** A language's articles with a breaking-news line, newest first. */
  async breaking(lang: string, limit: number): Promise<ArticleMeta[]> {
    return this.page(await this.list(lang, 'breaking', ''), 0, limit);
  }

  async neighbours(article: Pick<ArticleMeta, 'key' | 'lang'>): Promise<{ newer?: ArticleMeta; older?: ArticleMeta }> {
    const [id, list] = await Promise.all([this.idOf(article), this.list(article.lang, 'all', '')]);
    if (id === undefined || !list) return {};
    const row = await this.row<{ newer: string | null; older: string | null }>('neighbours', [list.id, id]);
    return { newer: row?.newer ? this.parse(row.newer) : undefined, older: row?.older ? this.parse(row.older) : undefined };
  }

  async newsStubs(lang: string, since: number, limit: number): Promise<NewsStub[]> {
    const list = await this.list(lang, 'all', '');
    if (!list || limit <= 0) return [];
    const rows = await this.rows<{ key: string; date: number; meta: string }>('newsStubs', [list.id, firstKeyAt(since), since, limit]);
    return rows.map((row) => ({ lang, slug: row.key.slice(lang.length + 1).split('/'), date: row.date, title: this.parse(row.meta).title }));
  }

  async articleStubs(lang: string, offset: number, limit: number): Promise<ArticleStub[]> {
    const list = await this.list(lang, 'all', '');
    if (!list || limit <= 0) return [];
    const rows = await this.rows<{ key: string; date: number; meta: string }>('stubs', [list.id, limit, offset]);
    return rows.map((row) => ({ lang, slug: row.key.slice(lang.length + 1).split('/'), date: row.date, lastmod: lastChanged(this.parse(row.meta)) }));
  }
}
