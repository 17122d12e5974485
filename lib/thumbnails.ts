import { siteConfig } from '@/lib/config';
import type { ArticleMeta, Thumbnail } from '@/lib/content';

/** The article's thumbnail if it shows in this place: its own visibility, else the site default. */
export function thumbnailFor(article: Pick<ArticleMeta, 'thumbnail'>, place: 'list' | 'post'): Thumbnail | undefined {
  const thumbnail = article.thumbnail;
  if (!thumbnail) return undefined;
  return (thumbnail.visibility ?? siteConfig.thumbnailVisibility)[place] ? thumbnail : undefined;
}
