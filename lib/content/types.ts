import type { SidebarPosition } from '@/lib/config/types';
import type { Breaking } from './breaking';
import type { ArticleType } from './articleType';
import type { Correction } from './corrections';

export interface Thumbnail {
  src: string;
  /** Where the article says the image shows; undefined: the site default (thumbnailVisibility). */
  visibility?: { list: boolean; post: boolean };
}

/** Everything the front matter says, typed and cleaned. */
export interface FrontMatter {
  title: string;
  date: number;
  lastmod?: number;
  summary: string;
  description?: string;
  categories: string[];
  tags: string[];
  /** The language named in front matter, if any (the folder decides when they disagree). */
  lang?: string;
  translations: string[];
  menu: string[];
  thumbnail?: Thumbnail;
  lead: string;
  comments: boolean;
  authorbox: boolean;
  pager: boolean;
  toc: boolean;
  mathjax: boolean;
  draft: boolean;
  /** Taken down: the URL answers 410 Gone, and the article leaves every list, feed and search. */
  unpublish: boolean;
  /** Old addresses of this article (Hugo's `aliases`): each redirects here. */
  aliases: string[];
  /** This file's URL moved: it redirects to this path or address, and the file publishes nothing else. */
  redirect?: string;
  /** Undefined: the site default for the page type applies. */
  sidebar?: SidebarPosition;
  /** Undefined: the site's widget list applies. */
  widgets?: string[];
  /** Hugo's `publishDate` (`pubdate`, `published`): held back from readers until then. */
  publishDate?: number;
  /** Hugo's `expiryDate` (`unpublishdate`): taken down at that moment (410 Gone after). */
  expiryDate?: number;
  /** A live page (timestamped entries, lib/content/liveEntries.ts): true while live, false once ended; undefined for any other article. */
  live?: boolean;
  /** A breaking-news line linking here, atop every page of its language (lib/content/breaking.ts). */
  breaking?: Breaking;
  // Newsroom fields (lib/content/newsroomFields.ts); absent when the front matter has none.
  /** Bylines, as written: names or ids (lib/content/authors.ts). */
  authors?: string[];
  /** Dated corrections, as written (lib/content/corrections.ts). */
  corrections?: Correction[];
  /** The label; undefined: news (lib/content/articleType.ts). */
  type?: ArticleType;
}

/**
 * One article as the index holds it: metadata only. The body stays on disk and is rendered when
 * the article is first requested.
 */
export interface ArticleMeta extends FrontMatter {
  /** Language the article is served in. */
  lang: string;
  /** URL path segments after the language prefix: ["news", "benzinga", "67ace52d"]. */
  slug: string[];
  /** `${lang}/${slug.join('/')}`: the lookup key a URL resolves to. */
  key: string;
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  /** Plain-text opening of the body, kept only when the summary is empty. */
  excerpt: string;
  /** A live page's newest entry (epoch ms), when it has one. */
  liveUpdated?: number;
}
