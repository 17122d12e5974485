/*
 * What issue 29's fields add to an article's JSON-LD (components/ArticleJsonLd.tsx): a live
 * page is a LiveBlogPosting with its coverage times and its entries as BlogPosting updates;
 * publishDate is when it was published, expiryDate when it expires (schema.org `expires`).
 */
import { siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import type { LivePage } from './livePage';
import { absoluteUrl, articleUrl } from '@/lib/routing/urls';

/** At most this many updates in the structured data, the newest. */
export const JSON_LD_UPDATES = 100;

const iso = (epoch: number) => new Date(epoch).toISOString();

/** Properties to merge over the article's NewsArticle; `live`: its entries, for a live page. */
export function newsroomJsonLd(article: ArticleMeta, live: LivePage | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (article.publishDate !== undefined) fields.datePublished = iso(article.publishDate);
  if (article.expiryDate !== undefined) fields.expires = iso(article.expiryDate);
  if (article.live === undefined || live === undefined) return fields;
  const { entries } = live;
  const page = absoluteUrl(siteConfig.baseUrl, articleUrl(article));
  const times = entries.map((entry) => entry.time);
  const start = Math.min(article.publishDate ?? article.date, ...times);
  return {
    ...fields,
    '@type': 'LiveBlogPosting',
    coverageStartTime: iso(start),
    ...(article.live ? {} : { coverageEndTime: iso(Math.max(start, ...times)) }),
    ...(times.length > 0 ? { dateModified: iso(Math.max(article.lastmod ?? 0, ...times)) } : {}),
    liveBlogUpdate: entries.slice(0, JSON_LD_UPDATES).map((entry) => {
      const { text } = entry;
      return {
        '@type': 'BlogPosting',
        headline: (entry.headline || text || article.title).slice(0, 110),
        datePublished: iso(entry.time),
        url: `${page}#${entry.id}`,
        ...(text ? { articleBody: text } : {}),
      };
    }),
  };
}
