import type { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import { taxonomies } from '@/lib/content/terms';
import { absoluteUrl, articleUrl, homeUrl, taxonomyUrl, termUrl } from '@/lib/routing/urls';
import { element, lines, xmlDocument } from '@/lib/xml/element';

/** The protocol allows 50,000 URLs a file; files are split well before that. */
export const URLS_PER_SITEMAP = 45_000;

export interface SitemapEntry {
  path: string;
  /** Epoch ms. */
  lastmod?: number;
}

/** The pages of a language other than articles: home, taxonomy indexes, terms. They open its first sitemap. */
function pageEntries(index: ContentIndex, lang: string): SitemapEntry[] {
  const newest = index.articleStubs(lang, 0, 1)[0];
  const lastmod = newest && (newest.lastmod ?? newest.date);
  const entries: SitemapEntry[] = [{ path: homeUrl(lang), lastmod }];
  for (const taxonomy of taxonomies) {
    entries.push({ path: taxonomyUrl(lang, taxonomy), lastmod });
    for (const term of index.termsOf(lang, taxonomy)) {
      const first = index.termArticles(lang, term, 0, 1)[0];
      entries.push({ path: termUrl(lang, taxonomy, term.slug), lastmod: first && (first.lastmod ?? first.date) });
    }
  }
  return entries;
}

/** How many sitemap files a language has, from counts alone: its pages and articles together. */
export function sitemapPartCount(index: ContentIndex, lang: string): number {
  const pages = 1 + taxonomies.reduce((sum, taxonomy) => sum + 1 + index.termCount(lang, taxonomy), 0);
  return Math.max(1, Math.ceil((pages + index.count(lang)) / URLS_PER_SITEMAP));
}

/**
 * Part `part` (from 1) of a language's sitemap: its pages first, then its articles newest first.
 * Each part reads only its own slice of the articles; a part past the end is undefined, known
 * from the counts before anything is read.
 */
export function sitemapEntries(index: ContentIndex, lang: string, part: number): SitemapEntry[] | undefined {
  if (part < 1 || part > sitemapPartCount(index, lang)) return undefined;
  const pages = pageEntries(index, lang);
  const start = (part - 1) * URLS_PER_SITEMAP;
  const entries = pages.slice(start, start + URLS_PER_SITEMAP);
  const offset = Math.max(0, start - pages.length);
  for (const stub of index.articleStubs(lang, offset, URLS_PER_SITEMAP - entries.length)) {
    entries.push({ path: articleUrl(stub), lastmod: stub.lastmod ?? stub.date });
  }
  return entries;
}

/**
 * A language's sitemap files, each with when it last changed as far as its newest article (and,
 * for the first, its pages) tells: one row read per file.
 */
export function sitemapParts(index: ContentIndex, lang: string): { part: number; lastmod?: number }[] {
  const pages = pageEntries(index, lang);
  const count = sitemapPartCount(index, lang);
  return Array.from({ length: count }, (_, i) => {
    const newest = index.articleStubs(lang, Math.max(0, i * URLS_PER_SITEMAP - pages.length), 1)[0];
    const times = [...(i === 0 ? pages.map((page) => page.lastmod ?? 0) : []), newest ? (newest.lastmod ?? newest.date) : 0];
    return { part: i + 1, lastmod: Math.max(0, ...times) || undefined };
  });
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
