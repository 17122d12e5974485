import type { Metadata } from 'next';
import { localize, siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import type { Taxonomy } from '@/lib/content/terms';
import { getDictionary } from '@/lib/i18n';
import { thumbnailUrl } from '@/lib/rendering/thumbnails';
import { feedUrl, homeUrl, socialImageUrl } from '@/lib/routing/urls';

export interface PageMetadataInput {
  lang: string;
  /** This page's path; the canonical URL is the configured base URL plus it. */
  path: string;
  /** Without the site name (the layout's template adds it); undefined: the site title. */
  title?: string;
  description?: string;
  /** The same page in other languages: language → path. */
  alternates?: Readonly<Record<string, string>>;
  /** The page whose feeds to link (language home or term page), and the feed's title. */
  feed?: { pagePath: string; title: string };
  article?: ArticleMeta;
  /** Search results and the like: not for search engines. */
  noindex?: boolean;
}

/** How every page title ends: "Markets - Tags - Broadsheet". The layout gives it to Next.js. */
export const titleTemplate = `%s - ${siteConfig.title}`;

/** A page title with the site's name, as the layout's template writes it. */
export function withSiteName(title: string): string {
  return titleTemplate.replace('%s', title);
}

/** "Categories" or "Tags", in the page's language. */
export function taxonomyTitle(lang: string, taxonomy: Taxonomy): string {
  const dict = getDictionary(lang);
  return taxonomy === 'categories' ? dict.categories : dict.tags;
}

/** A term page's title without the site's name, which its feeds share: "Markets - Tags". */
export function termTitle(lang: string, taxonomy: Taxonomy, name: string): string {
  return `${name} - ${taxonomyTitle(lang, taxonomy)}`;
}

/** The feed a page of a language links when it has none of its own: the language home's. */
export function languageFeed(lang: string): { pagePath: string; title: string } {
  return { pagePath: homeUrl(lang), title: siteConfig.title };
}

/**
 * Everything a page says about itself in `<head>`: canonical URL, hreflang alternates, feeds,
 * Open Graph and Twitter cards. Paths are made absolute by the layout's `metadataBase`.
 */
export function pageMetadata(input: PageMetadataInput): Metadata {
  const { lang, path, article } = input;
  const description = input.description ?? localize(siteConfig.description, lang);
  const fullTitle = input.title ? withSiteName(input.title) : siteConfig.title;
  const image = article ? (thumbnailUrl(article)?.url ?? socialImageUrl(article)) : undefined;
  const feed = input.feed;
  return {
    title: input.title ?? { absolute: siteConfig.title },
    description,
    alternates: {
      canonical: path,
      languages: { [lang]: path, ...input.alternates },
      types: feed
        ? {
            'application/rss+xml': [{ url: feedUrl(feed.pagePath, 'index.xml'), title: feed.title }],
            'application/atom+xml': [{ url: feedUrl(feed.pagePath, 'atom.xml'), title: feed.title }],
            'application/feed+json': [{ url: feedUrl(feed.pagePath, 'feed.json'), title: feed.title }],
          }
        : undefined,
    },
    openGraph: {
      type: article ? 'article' : 'website',
      url: path,
      title: fullTitle,
      description,
      siteName: siteConfig.title,
      locale: lang.replace('-', '_'),
      images: image ? [{ url: image, alt: article?.title }] : undefined,
      ...(article
        ? {
            publishedTime: new Date(article.date).toISOString(),
            modifiedTime: new Date(article.lastmod ?? article.date).toISOString(),
            section: article.categories[0],
            tags: article.tags,
          }
        : {}),
    },
    twitter: { card: image ? 'summary_large_image' : 'summary', title: fullTitle, description, images: image ? [image] : undefined },
    robots: input.noindex ? { index: false } : undefined,
  };
}
