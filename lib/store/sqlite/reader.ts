import type { CatalogReader } from '../types';
import type { ContentIndex } from './contentIndex';

/**
 * The SQLite catalog behind the store's async interface. Its queries are synchronous and take
 * microseconds to a few milliseconds (contentIndex.ts), so they run on the caller's thread.
 */
export class SqliteReader implements CatalogReader {
  constructor(private readonly index: ContentIndex) {}

  complete = async () => this.index.complete;
  size = async () => this.index.size;
  article: CatalogReader['article'] = async (lang, slug) => this.index.article(lang, slug);
  articleIgnoringCase: CatalogReader['articleIgnoringCase'] = async (lang, slug) => this.index.articleIgnoringCase(lang, slug);
  source: CatalogReader['source'] = async (article) => this.index.source(article);
  idOf: CatalogReader['idOf'] = async (article) => this.index.idOf(article);
  formerly: CatalogReader['formerly'] = async (lang, slug) => this.index.formerly(lang, slug);
  byIds: CatalogReader['byIds'] = async (ids) => this.index.byIds(ids);
  otherLanguages: CatalogReader['otherLanguages'] = async (article, languages) =>
    languages.flatMap((lang) => (lang === article.lang ? [] : (this.index.translation(article, lang) ?? [])));
  count: CatalogReader['count'] = async (lang) => this.index.count(lang);
  articles: CatalogReader['articles'] = async (lang, offset, limit) => this.index.articles(lang, offset, limit);
  term: CatalogReader['term'] = async (lang, taxonomy, slug) => this.index.term(lang, taxonomy, slug);
  termArticles: CatalogReader['termArticles'] = async (lang, term, offset, limit) => this.index.termArticles(lang, term, offset, limit);
  termsOf: CatalogReader['termsOf'] = async (lang, taxonomy) => this.index.termsOf(lang, taxonomy);
  termCount: CatalogReader['termCount'] = async (lang, taxonomy) => this.index.termCount(lang, taxonomy);
  topTerms: CatalogReader['topTerms'] = async (lang, taxonomy, limit) => this.index.topTerms(lang, taxonomy, limit);
  menuArticles: CatalogReader['menuArticles'] = async (lang, menu) => this.index.menuArticles(lang, menu);
  neighbours: CatalogReader['neighbours'] = async (article) => this.index.neighbours(article);
  breaking: CatalogReader['breaking'] = async (lang, limit) => this.index.breaking(lang, limit);
  newsroomList: CatalogReader['newsroomList'] = async (lang, kind, slug) => this.index.newsroomList(lang, kind, slug);
  newsroomArticles: CatalogReader['newsroomArticles'] = async (lang, kind, slug, offset, limit) => this.index.newsroomArticles(lang, kind, slug, offset, limit);
  authorDescriptions: CatalogReader['authorDescriptions'] = async (ids) => this.index.authorDescriptions(ids);
  authorsIn: CatalogReader['authorsIn'] = async (lang) => this.index.authorsIn(lang);
  authorCount: CatalogReader['authorCount'] = async (lang) => this.index.authorCount(lang);
  recentCorrections: CatalogReader['recentCorrections'] = async (lang, offset, limit) => this.index.recentCorrections(lang, offset, limit);
  newsStubs: CatalogReader['newsStubs'] = async (lang, since, limit) => this.index.newsStubs(lang, since, limit);
  articleStubs: CatalogReader['articleStubs'] = async (lang, offset, limit) => this.index.articleStubs(lang, offset, limit);
}
