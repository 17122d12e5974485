import { Feed } from 'feed';
import { localize, siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import { thumbnailUrl } from '@/lib/rendering/thumbnails';
import { absoluteUrl, articleUrl } from '@/lib/routing/urls';
import { type FeedFile, feedFormats } from './formats';

export const FEED_ITEMS = 20;

export interface FeedSource {
  lang: string;
  /** "Broadsheet" or "Markets - Broadsheet". */
  title: string;
  /** The page the feed belongs to: "/en", "/en/tags/markets". */
  pagePath: string;
  /** Newest first; the first FEED_ITEMS are used. */
  articles: readonly ArticleMeta[];
}

/** One feed of the newest articles of a page, in RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export function buildFeed(source: FeedSource, file: FeedFile): string {
  const site = (path: string) => absoluteUrl(siteConfig.baseUrl, path);
  const articles = source.articles.slice(0, FEED_ITEMS);
  const feed = new Feed({
    id: site(source.pagePath),
    title: source.title,
    description: localize(siteConfig.description, source.lang),
    link: site(source.pagePath),
    language: source.lang,
    updated: new Date(Math.max(0, ...articles.map((a) => a.lastmod ?? a.date))),
    generator: 'Broadsheet',
    feedLinks: Object.fromEntries(Object.keys(feedFormats).map((name) => [feedFormats[name as FeedFile].kind, site(`${source.pagePath}/${name}`)])),
    copyright: siteConfig.title,
  });
  for (const article of articles) {
    const link = site(articleUrl(article));
    const image = thumbnailUrl(article);
    feed.addItem({
      title: article.title,
      id: link,
      link,
      date: new Date(article.lastmod ?? article.date),
      published: new Date(article.date),
      description: article.summary || article.excerpt,
      category: article.categories.map((name) => ({ name })),
      image: image ? { url: image.url, type: image.type, length: 0 } : undefined,
    });
  }
  const kind = feedFormats[file].kind;
  return kind === 'rss' ? feed.rss2() : kind === 'atom' ? feed.atom1() : feed.json1();
}
