/*
 * The store: everything the site knows about its articles, behind one async, typed interface.
 * Pages, routing, feeds, sitemaps, search, related articles and revalidation call these and
 * nothing else: no database handle, SQL, full-text syntax or file path above this folder. Two
 * engines implement it: `sqlite/` (the default: one server, a catalog built from the content
 * folder beside it) and `postgres/` (DATABASE_URL: one store shared by every instance).
 */
import type { ArticleMeta } from '@/lib/content/types';
import type { Taxonomy } from '@/lib/content/terms';
import type { SearchRequest, SearchResponse } from '@/lib/search/articleSearch';
import type { MatchQuery } from '@/lib/search/matchQuery';
import type { NewsroomList } from './rules';
import type { AuthorDescription } from '@/lib/content/authorFile';

export type { ArticleMeta, Taxonomy, MatchQuery, NewsroomList, AuthorDescription };

/** An author with articles in a language: id, the name as the newest article writes it, how many. */
export interface AuthorEntry {
  id: string;
  name: string;
  count: number;
}

export interface Term {
  taxonomy: Taxonomy;
  /** The name as the newest article writes it: "Dow Jones Newswires". */
  name: string;
  /** The URL key: "dow-jones-newswires". */
  slug: string;
  /** Published articles in the term. */
  count: number;
}

/** What a URL was, when no article holds it now. */
export type Former = { redirect: string } | { gone: true };

/** What a sitemap lists of an article. */
export interface ArticleStub {
  lang: string;
  slug: string[];
  date: number;
  lastmod?: number;
}

/** One correction of a published article, for a language's corrections page. */
export interface CorrectionEntry {
  /** When it was made (epoch ms) and what it says, as the front matter writes them. */
  date: number;
  text: string;
  article: ArticleMeta;
}

/** What a news sitemap lists of an article: its URL, date and title. */
export interface NewsStub {
  lang: string;
  slug: string[];
  date: number;
  title: string;
}

/**
 * The published articles, their lists and terms. Every list is newest first; an article's id is
 * its place in time (lib/catalog/sortKey.ts), the same in every engine for the same file. No
 * call reads more than it returns beyond skipping to a page, so a page costs the same in a
 * thousand articles or a million.
 */
export interface CatalogReader {
  /** Whether the store has read the whole content at least once; until then a URL it does not know may exist. */
  complete(): Promise<boolean>;
  /** Every published article. */
  size(): Promise<number>;
  article(lang: string, slug: readonly string[]): Promise<ArticleMeta | undefined>;
  /** Differing only in letter case (Hugo lowercased every URL); the newest wins. */
  articleIgnoringCase(lang: string, slug: readonly string[]): Promise<ArticleMeta | undefined>;
  /** The published text of an article (front matter and body, as the editor wrote it): what its page renders. */
  source(article: Pick<ArticleMeta, 'key'>): Promise<string | undefined>;
  idOf(article: Pick<ArticleMeta, 'key'>): Promise<number | undefined>;
  /**
   * What a URL no article holds was: moved (an article's `aliases`, a file's `redirect`: where to
   * now), or taken down (deleted, `unpublish: true`: 410 Gone). Undefined when it never was.
   */
  formerly(lang: string, slug: readonly string[]): Promise<Former | undefined>;
  /** Articles by id, in the order given; ids no longer published are left out. */
  byIds(ids: readonly number[]): Promise<ArticleMeta[]>;
  /** The same path in the other languages, where it exists there. */
  otherLanguages(article: Pick<ArticleMeta, 'slug' | 'lang'>, languages: readonly string[]): Promise<ArticleMeta[]>;
  count(lang: string): Promise<number>;
  articles(lang: string, offset: number, limit: number): Promise<ArticleMeta[]>;
  term(lang: string, taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  termArticles(lang: string, term: Pick<Term, 'taxonomy' | 'slug'>, offset: number, limit: number): Promise<ArticleMeta[]>;
  /** A language's terms of a taxonomy, by name. */
  termsOf(lang: string, taxonomy: Taxonomy): Promise<Term[]>;
  /** How many terms of a taxonomy a language uses. */
  termCount(lang: string, taxonomy: Taxonomy): Promise<number>;
  /** The most used terms, most used first, then by name. */
  topTerms(lang: string, taxonomy: Taxonomy, limit: number): Promise<Term[]>;
  /** Articles whose front matter places them in a menu, oldest first. */
  menuArticles(lang: string, menu: string): Promise<ArticleMeta[]>;
  /** A language's articles with a breaking-news line (`breaking:`), newest first, at most `limit`. */
  breaking(lang: string, limit: number): Promise<ArticleMeta[]>;
  /** Newer and older in the same language (Mainroad's pager). */
  neighbours(article: Pick<ArticleMeta, 'key' | 'lang'>): Promise<{ newer?: ArticleMeta; older?: ArticleMeta }>;
  /**
   * A list of the newsroom's (issue 29): an author's articles (`'authors'`, the author's id) or
   * the corrected articles (`'corrected'`, ''), by the name first written and the count published.
   */
  newsroomList(lang: string, kind: NewsroomList, slug: string): Promise<{ name: string; count: number } | undefined>;
  /** A slice of such a list, newest first. */
  newsroomArticles(lang: string, kind: NewsroomList, slug: string, offset: number, limit: number): Promise<ArticleMeta[]>;
  /** The authors of these ids described in the content folder (authors/<id>.md), in the order given; others left out. */
  authorDescriptions(ids: readonly string[]): Promise<AuthorDescription[]>;
  /** A language's authors with published articles, by name. */
  authorsIn(lang: string): Promise<AuthorEntry[]>;
  /** How many authors have published articles in a language: counted, none read. */
  authorCount(lang: string): Promise<number>;
  /** A slice of a language's corrections, newest correction first (then by article, newest first), whatever their articles' dates. */
  recentCorrections(lang: string, offset: number, limit: number): Promise<CorrectionEntry[]>;
  /** A language's articles dated `since` or later, newest first, at most `limit`; sponsored ones are left out (Google News takes none). */
  newsStubs(lang: string, since: number, limit: number): Promise<NewsStub[]>;
  articleStubs(lang: string, offset: number, limit: number): Promise<ArticleStub[]>;
}

/**
 * The full-text index: articles whose index tokens (lib/search/ftsText.ts) satisfy a query, by
 * id, newest first. Each engine renders a MatchQuery in its own syntax (FTS5, tsquery).
 */
export interface FullTextIndex {
  count(query: MatchQuery): Promise<number>;
  ids(query: MatchQuery, limit: number, offset: number): Promise<number[]>;
  /** Of the given ids, those in `lang`, newest first. */
  inLanguage(ids: readonly number[], lang: string): Promise<number[]>;
  /** The titles of the given ids (as written), by id. */
  titles(ids: readonly number[]): Promise<Map<number, string>>;
}

/** What the pages showing an article need to know of it: its URL, lists and neighbours. */
export interface TouchedArticle {
  lang: string;
  slug: string[];
  categories: string[];
  tags: string[];
  /** In a menu, which every page of its language shows. */
  menu: boolean;
  /** Ids of its bylines' authors, whose pages list it. */
  authors?: string[];
  /** Has corrections, which its language's corrections page lists. */
  corrected?: boolean;
  newer?: string;
  older?: string;
  /** Taken down by the change: no article holds its URL after it. */
  removed?: true;
  /** For one taken down: how many articles of its language were newer (counted up to NEWER_COUNTED, ingest/changeSet.ts). */
  newerCount?: number;
}

/**
 * An author whose description (authors/<id>.md) changed: the pages that show it are the author's
 * own and their articles' (bylines, author box).
 */
export interface TouchedAuthor {
  id: string;
  /** Keys of the articles bylined to the author, newest first, at most AUTHOR_ARTICLES_NAMED per language. */
  keys: string[];
  /** Languages with more such articles than that: every page of the language refreshes instead. */
  manyIn?: string[];
}

/** One entry of the change log: the articles a change touched (and authors whose description it changed), or for a large batch only that it was one. */
export type ChangeRecord = { seq: number; touched: TouchedArticle[]; authors?: TouchedAuthor[] } | { seq: number; bulk: true };

/** Where the change log stands: the store's id (a rebuilt store has another) and the last change's number. */
export interface StorePosition {
  id: string;
  seq: number;
}

/**
 * Every change the store commits is numbered and logged in the same transaction, so whoever
 * follows it (each instance's page cache, the purger of the caches in front) can catch up after a
 * crash or a lost notification from the last number it applied.
 */
export interface ChangeFeed {
  position(): Promise<StorePosition>;
  /** The log after `seq`, oldest first; undefined when it no longer reaches back that far. */
  changesSince(seq: number): Promise<ChangeRecord[] | undefined>;
  /** Calls back soon after each change committed (by this instance or any other). */
  onChange(listener: (record: ChangeRecord) => void): () => void;
}

/** Searches as the site runs them: at most a few at once, a few more in line, the rest refused (SearchBusy); lib/search/admission.ts. */
export interface SearchService {
  /** A place for one search and its page (the proxy takes it for a results page); undefined when searches are at their bound. */
  admit(): Promise<string | undefined>;
  /** Gives a place back: its page has been sent. */
  release(ticket: string | null | undefined): void;
  search(request: SearchRequest, ticket?: string | null): Promise<SearchResponse>;
  /** The best few titles as a reader types, and the time spent searching (ms). */
  suggest(query: string, lang: string, limit: number): Promise<{ result: ArticleMeta[]; ms: number }>;
}

/** The store as the site uses it: one per server process (lib/store/index.ts, getStore). */
export interface ContentStore extends CatalogReader, ChangeFeed {
  readonly engine: 'sqlite' | 'postgres';
  /** Settles once the store can answer for the whole archive (SQLite: its first pass over the folder). */
  readonly ready: Promise<void>;
  readonly search: SearchService;
  /** Up to `limit` articles related to this one, best first. */
  related(article: ArticleMeta, limit: number): Promise<ArticleMeta[]>;
}
