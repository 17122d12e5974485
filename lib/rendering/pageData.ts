import { isLanguage, languages, siteConfig } from '@/lib/config';
import { getStore, type Term } from '@/lib/store';
import { type ArticleMeta, type Taxonomy } from '@/lib/content';
import { bodyOf } from '@/lib/content/frontMatter';
import { renderMarkdown, type TocEntry } from '@/lib/rendering/markdown/render';
import { isSponsored } from '@/lib/content/articleType';
import { paginate, type Paged } from '@/lib/rendering/pagination';
import { type LivePage, renderLivePage } from '@/lib/rendering/live/livePage';
import { articleUrl, decodeParam, decodeSlug, homeUrl, parsePageNumber, taxonomyUrl, termUrl } from '@/lib/routing/urls';

/**
 * What each route needs, looked up from URL parameters. Every function returns undefined for a
 * URL that names nothing, and the route answers 404.
 */

function pageNumber(param: string | undefined): number | undefined {
  return param === undefined ? 1 : parsePageNumber(param);
}

export async function loadListPage(lang: string, pageParam?: string): Promise<Paged<ArticleMeta> | undefined> {
  const page = pageNumber(pageParam);
  if (!isLanguage(lang) || page === undefined) return undefined;
  const store = getStore();
  return paginate(await store.count(lang), page, siteConfig.pageSize, (offset, limit) => store.articles(lang, offset, limit));
}

export async function loadArticle(lang: string, slugParams: readonly string[]): Promise<ArticleMeta | undefined> {
  const slug = decodeSlug(slugParams);
  if (!isLanguage(lang) || !slug) return undefined;
  return getStore().article(lang, slug);
}

export interface ArticlePageData {
  article: ArticleMeta;
  html: string;
  toc: TocEntry[];
  /** The article in the other languages its `translations` names, where those exist. */
  translations: ArticleMeta[];
  /** The same path in every other language where an article exists there. */
  alternates: Record<string, string>;
  newer?: ArticleMeta;
  older?: ArticleMeta;
  /** Articles that share the most with it (site.config `relatedArticles`). */
  related: ArticleMeta[];
  /** A live page's introduction and entries (`live:` in front matter); its body is not rendered whole. */
  live?: LivePage;
}

/** The article with its body rendered to sanitized HTML. */
export async function loadArticlePage(lang: string, slugParams: readonly string[]): Promise<ArticlePageData | undefined> {
  const article = await loadArticle(lang, slugParams);
  if (!article) return undefined;
  const store = getStore();
  const source = await store.source(article);
  // Unpublished between the two lookups.
  if (source === undefined) return undefined;
  const body = bodyOf(source);
  const [rendered, others, neighbours, related, live] = await Promise.all([
    article.live === undefined
      ? renderMarkdown(body, {
          siteOrigin: siteConfig.baseUrl,
          math: article.mathjax,
          typographer: siteConfig.typographer,
          file: article.file,
          ...(isSponsored(article) ? { sponsored: true } : {}),
        })
      : { html: '', toc: [] },
    // The same path in each other language, looked up once for both the links and the widget.
    otherLanguageVersions(article),
    store.neighbours(article),
    store.related(article, siteConfig.relatedArticles),
    renderLivePage(article, body),
  ]);
  const translations = others.filter((other) => article.translations.includes(other.lang));
  return { article, html: rendered.html, toc: rendered.toc, translations, alternates: alternatesOf(others), ...neighbours, related, live };
}

function otherLanguageVersions(article: ArticleMeta): Promise<ArticleMeta[]> {
  return getStore().otherLanguages(
    article,
    languages.map(({ code }) => code),
  );
}

const alternatesOf = (others: readonly ArticleMeta[]) => Object.fromEntries(others.map((other) => [other.lang, articleUrl(other)]));

/** The same path in every other language where an article exists there: for hreflang links. */
export async function articleAlternates(article: ArticleMeta): Promise<Record<string, string>> {
  return alternatesOf(await otherLanguageVersions(article));
}

/** Every other language's home. */
export function homeAlternates(lang: string): Record<string, string> {
  return Object.fromEntries(languages.filter(({ code }) => code !== lang).map(({ code }) => [code, homeUrl(code)]));
}

export async function loadTerm(lang: string, taxonomy: Taxonomy, termParam: string): Promise<Term | undefined> {
  const slug = decodeParam(termParam);
  if (!isLanguage(lang) || slug === undefined) return undefined;
  return getStore().term(lang, taxonomy, slug.normalize('NFC'));
}

export async function loadTermPage(
  lang: string,
  taxonomy: Taxonomy,
  termParam: string,
  pageParam?: string,
): Promise<{ term: Term; paged: Paged<ArticleMeta> } | undefined> {
  const page = pageNumber(pageParam);
  const term = await loadTerm(lang, taxonomy, termParam);
  if (!term || page === undefined) return undefined;
  const store = getStore();
  const paged = await paginate(term.count, page, siteConfig.pageSize, (offset, limit) => store.termArticles(lang, term, offset, limit));
  return paged && { term, paged };
}

/** Taxonomy indexes exist in every language; a term's page where the term is used there. */
export async function termAlternates(lang: string, taxonomy: Taxonomy, slug?: string): Promise<Record<string, string>> {
  const store = getStore();
  const alternates: Record<string, string> = {};
  for (const { code } of languages) {
    if (code === lang) continue;
    if (slug === undefined) alternates[code] = taxonomyUrl(code, taxonomy);
    else if (await store.term(code, taxonomy, slug)) alternates[code] = termUrl(code, taxonomy, slug);
  }
  return alternates;
}

export async function loadTerms(lang: string, taxonomy: Taxonomy): Promise<Term[] | undefined> {
  if (!isLanguage(lang)) return undefined;
  return getStore().termsOf(lang, taxonomy);
}

/** The most used terms of a taxonomy, most used first. */
export async function loadTopTerms(lang: string, taxonomy: Taxonomy, limit: number): Promise<Term[]> {
  return getStore().topTerms(lang, taxonomy, limit);
}

export async function loadRecent(lang: string, count: number): Promise<readonly ArticleMeta[]> {
  return getStore().articles(lang, 0, count);
}

/*
 * Route parameters for what `next build` renders ahead of time. Each page lists its complete
 * parameters, language included, rather than nesting under the layout's: Next.js prerenders
 * nothing of a nested route when its generateStaticParams returns [] for any one language
 * (vercel/next.js#95166), and a language with no articles yet is normal.
 */
export function languageParams(): { lang: string }[] {
  return languages.map((language) => ({ lang: language.code }));
}

/** Homes, indexes and 404 pages, when the site prerenders them (they read the whole index). */
export function listParams(): { lang: string }[] {
  return siteConfig.prerender.lists ? languageParams() : [];
}

/** The store once it has read the whole archive (a build that prerenders waits for it). */
async function loadedStore() {
  const store = getStore();
  await store.ready;
  return store;
}

export async function prerenderedArticles(): Promise<{ lang: string; slug: string[] }[]> {
  if (siteConfig.prerender.articlesPerLanguage <= 0) return [];
  const store = await loadedStore();
  const lists = await Promise.all(languages.map(({ code }) => store.articles(code, 0, siteConfig.prerender.articlesPerLanguage)));
  return lists.flat().map((article) => ({ lang: article.lang, slug: article.slug }));
}

export async function prerenderedTerms(taxonomy: Taxonomy): Promise<{ lang: string; term: string }[]> {
  if (siteConfig.prerender.termsPerTaxonomy <= 0) return [];
  const store = await loadedStore();
  const lists = await Promise.all(
    languages.map(async ({ code }) =>
      (await store.topTerms(code, taxonomy, siteConfig.prerender.termsPerTaxonomy)).map((term) => ({ lang: code, term: term.slug })),
    ),
  );
  return lists.flat();
}
