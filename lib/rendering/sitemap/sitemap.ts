import type { CatalogReader } from '@/lib/store';
import { taxonomies } from '@/lib/content/terms';
import { absoluteUrl, articleUrl, authorsUrl, authorUrl, correctionsUrl, homeUrl, taxonomyUrl, termUrl } from '@/lib/routing/urls';
import { element, lines, xmlDocument } from '@/lib/xml/element';

/** The protocol allows 50,000 URLs a file; files are split well before that. */
export const URLS_PER_SITEMAP = 45_000;

export interface SitemapEntry {
  path: string;
  /** Epoch ms. */
  lastmod?: number;
}

/** The pages of a language other than articles: home, corrections, taxonomy indexes, terms. They open its first sitemap. */
async function pageEntries(index: CatalogReader, lang: string): Promise<SitemapEntry[]> {
  const newest = (await index.articleStubs(lang, 0, 1))[0];
  const lastmod = newest && (newest.lastmod ?? newest.date);
  const entries: SitemapEntry[] = [{ path: homeUrl(lang), lastmod }];
  // The corrections page changes with its newest correction; with none yet, dated as the home is.
  const correction = (await index.recentCorrections(lang, 0, 1))[0];
  entries.push({ path: correctionsUrl(lang), lastmod: correction?.date ?? lastmod });
  for (const taxonomy of taxonomies) {
    entries.push({ path: taxonomyUrl(lang, taxonomy), lastmod });
    for (const term of await index.termsOf(lang, taxonomy)) {
      const first = (await index.termArticles(lang, term, 0, 1))[0];
      entries.push({ path: termUrl(lang, taxonomy, term.slug), lastmod: first && (first.lastmod ?? first.date) });
    }
  }
  // Author pages (issue 29): the list of authors, and each author with articles in the language.
  entries.push({ path: authorsUrl(lang), lastmod });
  for (const author of await index.authorsIn(lang)) {
    const first = (await index.newsroomArticles(lang, 'authors', author.id, 0, 1))[0];
    entries.push({ path: authorUrl(lang, author.id), lastmod: first && (first.lastmod ?? first.date) });
  }
  return entries;
}

/** How many sitemap files a language has, from counts alone: its pages and articles together. */
export async function sitemapPartCount(index: CatalogReader, lang: string): Promise<number> {
  // Home and corrections.
  let pages = 2;
  for (const taxonomy of taxonomies) pages += 1 + (await index.termCount(lang, taxonomy));
  pages += 1 + (await index.authorCount(lang));
  return Math.max(1, Math.ceil((pages + (await index.count(lang))) / URLS_PER_SITEMAP));
}

/**
 * Part `part` (from 1) of a language's sitemap: its pages first, then its articles newest first.
 * Each part reads only its own slice of the articles; a part past the end is undefined, known
 * from the counts before anything is read.
 */
export async function sitemapEntries(index: CatalogReader, lang: string, part: number): Promise<SitemapEntry[] | undefined> {
  if (part < 1 || part > (await sitemapPartCount(index, lang))) return undefined;
  const pages = await pageEntries(index, lang);
  const start = (part - 1) * URLS_PER_SITEMAP;
  const entries = pages.slice(start, start + URLS_PER_SITEMAP);
  const offset = Math.max(0, start - pages.length);
  for (const stub of await index.articleStubs(lang, offset, URLS_PER_SITEMAP - entries.length)) {
    entries.push({ path: articleUrl(stub), lastmod: stub.lastmod ?? stub.date });
  }
  return entries;
}

/**
 * A language's sitemap files, each with when it last changed as far as its newest article (and,
 * for the first, its pages) tells: one row read per file.
 */
export async function sitemapParts(index: CatalogReader, lang: string): Promise<{ part: number; lastmod?: number }[]> {
  const pages = await pageEntries(index, lang);
  const count = await sitemapPartCount(index, lang);
  const parts: { part: number; lastmod?: number }[] = [];
  for (let i = 0; i < count; i++) {
    const newest = (await index.articleStubs(lang, Math.max(0, i * URLS_PER_SITEMAP - pages.length), 1))[0];
    const times = [...(i === 0 ? pages.map((page) => page.lastmod ?? 0) : []), newest ? (newest.lastmod ?? newest.date) : 0];
    parts.push({ part: i + 1, lastmod: Math.max(0, ...times) || undefined });
  }
  return parts;
}

/** "en-1.xml": a language's sitemaps are numbered from 1. */
export function sitemapFileName(lang: string, part: number): string {
  return `${lang}-${part}.xml`;
}

export function parseSitemapFileName(name: string): { lang: string; part: number } | undefined {
  const match = /^(.+)-([1-9]\d{0,4})\.xml$/.exec(name);
  return match ? { lang: match[1] as string, part: Number(match[2]) } : undefined;
}

const lastmod = (ms: number | undefined) => ms !== undefined && element('lastmod', null, new Date(ms).toISOString());

export function urlsetXml(baseUrl: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((entry) => element('url', null, element('loc', null, absoluteUrl(baseUrl, entry.path)), lastmod(entry.lastmod)));
  return xmlDocument(element('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, lines(['', ...urls, ''])));
}

export function sitemapIndexXml(baseUrl: string, files: readonly { path: string; lastmod?: number }[]): string {
  const items = files.map((file) => element('sitemap', null, element('loc', null, absoluteUrl(baseUrl, file.path)), lastmod(file.lastmod)));
  return xmlDocument(element('sitemapindex', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, lines(['', ...items, ''])));
}
