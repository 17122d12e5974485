import { siteConfig } from '@/lib/config';
import type { ArticleMeta, Thumbnail } from '@/lib/content';
import { absoluteUrl } from '@/lib/routing/urls';

/** The article's thumbnail if it shows in this place: its own visibility, else the site default. */
export function thumbnailFor(article: Pick<ArticleMeta, 'thumbnail'>, place: 'list' | 'post'): Thumbnail | undefined {
  const thumbnail = article.thumbnail;
  if (!thumbnail) return undefined;
  return (thumbnail.visibility ?? siteConfig.thumbnailVisibility)[place] ? thumbnail : undefined;
}

const imageTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** An absolute URL for an article's thumbnail, with its type guessed from the extension. */
export function thumbnailUrl(article: ArticleMeta): { url: string; type?: string } | undefined {
  const src = article.thumbnail?.src;
  if (!src) return undefined;
  const url = /^https?:\/\//i.test(src) ? src : absoluteUrl(siteConfig.baseUrl, src.startsWith('/') ? src : `/${src}`);
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return { url, type: extension ? imageTypes[extension] : undefined };
}
