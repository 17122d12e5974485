import type { ContentIndex } from '@/lib/content/contentIndex';
import { taxonomies } from '@/lib/content/terms';
import { absoluteUrl, articleUrl, homeUrl, taxonomyUrl, termUrl } from '@/lib/urls';

/** The protocol allows 50,000 URLs a file; files are split well before that. */
export const URLS_PER_SITEMAP = 45_000;

export interface SitemapEntry {
  path: string;
  /** Epoch ms. */
  lastmod?: number;
}

/** Every page of a language worth indexing: home, taxonomy indexes, terms and articles. */
export function sitemapEntries(index: ContentIndex, lang: string): SitemapEntry[] {
  const articles = index.articles(lang);
  const newest = articles[0]?.lastmod ?? articles[0]?.date;
  const entries: SitemapEntry[] = [{ path: homeUrl(lang), lastmod: newest }];
  for (const taxonomy of taxonomies) {
    entries.push({ path: taxonomyUrl(lang, taxonomy), lastmod: newest });
    for (const term of index.termsOf(lang, taxonomy)) {
      const first = term.articles[0];
      entries.push({ path: termUrl(lang, taxonomy, term.slug), lastmod: first && (first.lastmod ?? first.date) });
    }
  }
  for (const article of articles) entries.push({ path: articleUrl(article), lastmod: article.lastmod ?? article.date });
  return entries;
}

/** "en-1.xml": a language's sitemaps are numbered from 1. */
export function sitemapFileName(lang: string, part: number): string {
  return `${lang}-${part}.xml`;
}

export function parseSitemapFileName(name: string): { lang: string; part: number } | undefined {
  const match = /^(.+)-([1-9]\d{0,4})\.xml$/.exec(name);
  return match ? { lang: match[1] as string, part: Number(match[2]) } : undefined;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
const isoDate = (ms: number | undefined) => (ms === undefined ? '' : `<lastmod>${new Date(ms).toISOString()}</lastmod>`);

export function urlsetXml(baseUrl: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((entry) => `<url><loc>${escapeXml(absoluteUrl(baseUrl, entry.path))}</loc>${isoDate(entry.lastmod)}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export function sitemapIndexXml(baseUrl: string, files: readonly { path: string; lastmod?: number }[]): string {
  const items = files.map((file) => `<sitemap><loc>${escapeXml(absoluteUrl(baseUrl, file.path))}</loc>${isoDate(file.lastmod)}</sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</sitemapindex>\n`;
}
