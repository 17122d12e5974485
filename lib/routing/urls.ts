import type { ArticleMeta } from '@/lib/content/types';
import type { Taxonomy } from '@/lib/content/terms';

/** Every URL the site links to is built here, and every URL parameter is read back here. */

const segment = (value: string) => encodeURIComponent(value);

export function homeUrl(lang: string): string {
  return `/${lang}`;
}

export function listPageUrl(lang: string, page: number): string {
  return page <= 1 ? homeUrl(lang) : `/${lang}/page/${page}`;
}

export function articleUrl(article: Pick<ArticleMeta, 'lang' | 'slug'>): string {
  return `/${article.lang}/${article.slug.map(segment).join('/')}`;
}

export function taxonomyUrl(lang: string, taxonomy: Taxonomy): string {
  return `/${lang}/${taxonomy}`;
}

export function termUrl(lang: string, taxonomy: Taxonomy, slug: string, page = 1): string {
  const base = `/${lang}/${taxonomy}/${segment(slug)}`;
  return page <= 1 ? base : `${base}/page/${page}`;
}

/** A language's list of authors (issue 29). */
export function authorsUrl(lang: string): string {
  return `/${lang}/authors`;
}

/** An author's page: their bio and articles, paginated like a term's. */
export function authorUrl(lang: string, id: string, page = 1): string {
  const base = `/${lang}/authors/${segment(id)}`;
  return page <= 1 ? base : `${base}/page/${page}`;
}

/** The localized 404 page; the proxy serves it, with status 404, for paths that name nothing. */
export function notFoundUrl(lang: string): string {
  return `/${lang}/404`;
}

/** Where the proxy renders the 410 page of a language: an article taken down. */
export function goneUrl(lang: string): string {
  return `/${lang}/410`;
}

export interface SearchOptions {
  /** Newest first rather than most relevant first. */
  byDate?: boolean;
  /** Every language, not only the page's. */
  allLanguages?: boolean;
}

export function searchUrl(lang: string, query?: string, page = 1, options: SearchOptions = {}): string {
  if (!query) return `/${lang}/search`;
  const params = [`q=${encodeURIComponent(query)}`];
  if (options.byDate) params.push('sort=date');
  if (options.allLanguages) params.push('all=1');
  if (page > 1) params.push(`page=${page}`);
  return `/${lang}/search?${params.join('&')}`;
}

/** The JSON endpoint behind search suggestions. */
export function suggestUrl(lang: string, query: string): string {
  return `/api/search?lang=${encodeURIComponent(lang)}&q=${encodeURIComponent(query)}`;
}

/** A menu or config path inside a language ("/categories") or an absolute URL, as a link. */
export function localPathUrl(lang: string, href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return href;
  return href === '/' ? homeUrl(lang) : `/${lang}${href.startsWith('/') ? '' : '/'}${href}`;
}

/** An absolute http(s) URL on a host other than the site's: fetched with no Referer. */
export function isOtherHost(url: string, siteOrigin?: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  return !siteOrigin || !url.startsWith(siteOrigin);
}

export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl}${path}`;
}

/**
 * A route parameter as the text it names. Next.js hands some parameters over still
 * percent-encoded (non-Latin ones among them); a value that does not decode cleanly names nothing.
 */
export function decodeParam(value: string): string | undefined {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Decoded path segments, or undefined when any is unsafe (so the URL is a 404, never a file). */
export function decodeSlug(segments: readonly string[]): string[] | undefined {
  const decoded: string[] = [];
  for (const raw of segments) {
    const value = decodeParam(raw);
    if (value === undefined || value === '' || value === '.' || value === '..') return undefined;
    if (/[/\\\0]/.test(value)) return undefined;
    decoded.push(value.normalize('NFC'));
  }
  return decoded;
}

/** "2" → 2; anything but a plain whole number of 1 or more → undefined. */
export function parsePageNumber(value: string): number | undefined {
  if (!/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}

/** A feed of a page: the language home ("/en") or a term page ("/en/tags/markets"). */
export function feedUrl(pagePath: string, file: 'index.xml' | 'atom.xml' | 'feed.json' = 'index.xml'): string {
  return `${pagePath}/${file}`;
}

/** The social preview image the site draws for an article without a thumbnail. */
export function socialImageUrl(article: Pick<ArticleMeta, 'lang' | 'slug'>): string {
  return `/og${articleUrl(article)}`;
}

/** A language's corrections page: its recent corrections, newest first. */
export function correctionsUrl(lang: string): string {
  return `/${lang}/corrections`;
}
