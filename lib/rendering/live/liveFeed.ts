/*
 * How a live page reads in feeds (lib/rendering/feeds/feedData.ts): while live its title says
 * so ("Live: …", in its language), and it counts as updated at its newest entry, so feed readers
 * show it again with each one.
 */
import type { ArticleMeta } from '@/lib/content/types';
import { liveStrings } from '@/lib/i18n/live';

export function feedTitle(article: Pick<ArticleMeta, 'title' | 'live' | 'lang'>): string {
  if (!article.live) return article.title;
  const live = liveStrings(article.lang).live;
  return `${live}${/^zh/.test(article.lang) ? '：' : ': '}${article.title}`;
}

/** When the article last changed for readers: lastmod, its newest live entry, else its date. */
export function feedUpdated(article: Pick<ArticleMeta, 'date' | 'lastmod' | 'liveUpdated'>): number {
  return Math.max(article.lastmod ?? article.date, article.liveUpdated ?? 0);
}
