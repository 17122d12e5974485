import { localize, siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import { thumbnailUrl } from '@/lib/rendering/thumbnails';
import { absoluteUrl, articleUrl, authorUrl } from '@/lib/routing/urls';
import { authorId } from '@/lib/content/authors';
import { type FeedFile, feedFormats } from './formats';
import { feedTitle, feedUpdated } from '@/lib/rendering/live/liveFeed';
import { feedCategoriesWithLabel, feedTextWithCorrection, feedUpdatedWithCorrections } from '@/lib/rendering/editorial/editorialFeed';

export const FEED_ITEMS = 20;

export interface FeedSource {
  lang: string;
  /** "Broadsheet" or "Markets - Broadsheet". */
  title: string;
  /** The page the feed belongs to: "/en", "/en/tags/markets". */
  pagePath: string;
  /** Newest first; the first FEED_ITEMS are used. */
  articles: readonly ArticleMeta[];
  /** Described authors' names by id (content/authors/<id>.md); others are named as each article writes them. */
  authorNames?: ReadonlyMap<string, string>;
}

export interface FeedItem {
  title: string;
  /** Absolute; also the item's id. */
  link: string;
  published: Date;
  updated: Date;
  /** Plain text: the summary, else the opening of the body. */
  text: string;
  categories: readonly string[];
  image?: { url: string; type?: string };
  /** The article's bylines (issue 29): each author's name and page. */
  authors: { name: string; url: string }[];
}

/** What every format says, as plain text and absolute URLs; each format escapes it its own way. */
export interface FeedData {
  lang: string;
  title: string;
  description: string;
  /** The page the feed belongs to. */
  link: string;
  /** Where each format of this feed is served. */
  self: Record<FeedFile, string>;
  updated: Date;
  generator: string;
  copyright: string;
  items: FeedItem[];
}

/** A thumbnail URL as readers expect it (spaces and quotes percent-encoded); one URL cannot parse is kept as written. */
function normalizedUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).href : url;
}

function feedAuthors(article: ArticleMeta, source: FeedSource, site: (path: string) => string): FeedItem['authors'] {
  const ids = new Set<string>();
  return (article.authors ?? []).flatMap((name) => {
    const id = authorId(name);
    if (!id || ids.has(id)) return [];
    ids.add(id);
    return [{ name: source.authorNames?.get(id) ?? name, url: site(authorUrl(source.lang, id)) }];
  });
}

export function feedData(source: FeedSource): FeedData {
  const site = (path: string) => absoluteUrl(siteConfig.baseUrl, path);
  const articles = source.articles.slice(0, FEED_ITEMS);
  return {
    lang: source.lang,
    title: source.title,
    description: localize(siteConfig.description, source.lang),
    link: site(source.pagePath),
    self: Object.fromEntries(Object.keys(feedFormats).map((file) => [file, site(`${source.pagePath}/${file}`)])) as Record<FeedFile, string>,
    updated: new Date(Math.max(0, ...articles.map((article) => feedUpdatedWithCorrections(article, feedUpdated(article))))),
    generator: 'Broadsheet',
    copyright: siteConfig.title,
    items: articles.map((article) => {
      const image = thumbnailUrl(article);
      return {
        title: feedTitle(article),
        link: site(articleUrl(article)),
        published: new Date(article.date),
        updated: new Date(feedUpdatedWithCorrections(article, feedUpdated(article))),
        text: feedTextWithCorrection(article, article.summary || article.excerpt),
        categories: feedCategoriesWithLabel(article, article.categories),
        image: image && { url: normalizedUrl(image.url), type: image.type },
        authors: feedAuthors(article, source, site),
      };
    }),
  };
}
