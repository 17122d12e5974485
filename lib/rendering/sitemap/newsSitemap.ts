import type { NewsStub } from '@/lib/store';
import { absoluteUrl, articleUrl } from '@/lib/routing/urls';
import { element, lines, xmlDocument } from '@/lib/xml/element';

/*
 * Google News sitemaps (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * one per language, the articles of the last two days, at most 1,000, each with the publication's
 * name and language, the article's publication date and title.
 */

/** Google News lists articles published in the last two days only. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
/** The protocol's limit of entries per news sitemap. */
export const NEWS_ENTRIES = 1000;

/** Where a language's news sitemap is served. */
export const newsSitemapPath = (lang: string) => `/sitemaps/news/${lang}.xml`;

/**
 * The protocol's language code: ISO 639, except zh-cn for Simplified and zh-tw for Traditional
 * Chinese (so zh-HK, written in Traditional characters, is zh-tw).
 */
export function newsLanguage(code: string): string {
  const [primary = code, ...rest] = code.toLowerCase().split('-');
  if (primary !== 'zh') return primary;
  return rest.some((subtag) => ['hant', 'tw', 'hk', 'mo'].includes(subtag)) ? 'zh-tw' : 'zh-cn';
}

/** W3C Datetime, to the second, in UTC. */
const w3cDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function newsSitemapXml(baseUrl: string, publication: string, lang: string, entries: readonly NewsStub[]): string {
  const language = newsLanguage(lang);
  const urls = entries.map((entry) =>
    element(
      'url',
      null,
      element('loc', null, absoluteUrl(baseUrl, articleUrl(entry))),
      element(
        'news:news',
        null,
        element('news:publication', null, element('news:name', null, publication), element('news:language', null, language)),
        element('news:publication_date', null, w3cDate(entry.date)),
        element('news:title', null, entry.title),
      ),
    ),
  );
  const namespaces = { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9' };
  return xmlDocument(element('urlset', namespaces, lines(['', ...urls, ''])));
}
