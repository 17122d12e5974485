/*
 * What corrections and labels add to an article's JSON-LD (components/ArticleJsonLd.tsx): its
 * schema.org type by label (OpinionNewsArticle, AdvertiserContentArticle…), `dateModified` at
 * its last update (lastmod or its newest correction) and each correction as a
 * CorrectionComment, newest first.
 */
import type { ArticleMeta } from '@/lib/content/types';
import { jsonLdTypes, typeOf } from '@/lib/content/articleType';
import { newestFirst, updatedAt } from '@/lib/content/corrections';

const iso = (epoch: number) => new Date(epoch).toISOString();

/** Properties to merge over the article's NewsArticle (before a live page's, which set their own type). */
export function editorialJsonLd(article: Pick<ArticleMeta, 'date' | 'lastmod' | 'corrections' | 'type'>): Record<string, unknown> {
  const fields: Record<string, unknown> = { '@type': jsonLdTypes[typeOf(article)] };
  const updated = updatedAt(article);
  if (updated !== undefined) fields.dateModified = iso(updated);
  if (article.corrections?.length) {
    fields.correction = newestFirst(article.corrections).map((correction) => ({
      '@type': 'CorrectionComment',
      text: correction.text,
      datePublished: iso(correction.date),
    }));
  }
  return fields;
}
