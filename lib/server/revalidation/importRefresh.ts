import type { TouchedArticle } from '@/lib/store';
import { taxonomies, termSlug } from '@/lib/content/terms';
import { changeRefresh } from './changeTags';

/** A revalidatePath call: a URL as requested, or (with a type) a route pattern, every URL it serves. */
export interface PathRevalidation {
  path: string;
  type?: 'page' | 'layout';
}

/** Routes whose pages list articles under numbers no change names: every page of each is refreshed. */
const NUMBERED = [
  '/[lang]/page/[page]',
  '/[lang]/categories/[term]/page/[page]',
  '/[lang]/tags/[term]/page/[page]',
  '/sitemaps/[file]',
  '/sitemaps/news/[file]',
];

/**
 * What a scheduled import refreshes after it wrote into the store: the page-cache tags of the
 * pages it touched (changeTags.ts, for this server's page cache), and the same pages as paths for
 * revalidatePath, which is what reaches a cache the server does not keep itself (on Vercel, its
 * CDN and ISR cache): each article in every language and its social image, its neighbours, its
 * language's home, taxonomy indexes and terms, and the numbered list pages and sitemaps as route
 * patterns. A menu entry shows on every page: then every page under a language is.
 */
export function importRefresh(touched: readonly TouchedArticle[], languages: readonly string[]): { tags: string[]; paths: PathRevalidation[] } {
  if (touched.length === 0) return { tags: [], paths: [] };
  const paths = new Map<string, PathRevalidation>();
  const add = (path: string, type?: PathRevalidation['type']) => paths.set(`${type ?? ''} ${path}`, type ? { path, type } : { path });
  for (const article of touched) {
    const slug = article.slug.join('/');
    for (const lang of languages) add(`/${lang}/${slug}`);
    add(`/og/${article.lang}/${slug}`);
    for (const key of [article.newer, article.older]) if (key) add(`/${key}`);
    add(`/${article.lang}`);
    for (const taxonomy of taxonomies) {
      add(`/${article.lang}/${taxonomy}`);
      for (const name of article[taxonomy]) add(`/${article.lang}/${taxonomy}/${termSlug(name)}`);
    }
    if (article.menu) add('/[lang]', 'layout');
  }
  for (const pattern of NUMBERED) add(pattern, 'page');
  return { tags: changeRefresh(touched, languages).tags, paths: [...paths.values()] };
}
