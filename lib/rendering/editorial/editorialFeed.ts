/*
 * How corrections and labels read in feeds (lib/rendering/feeds/feedData.ts): an item counts as
 * updated at its last correction (Atom <updated>, JSON Feed date_modified), its text ends with
 * its newest correction (RSS has no updated date: the description says it), and its label is
 * its first category.
 */
import { localize, siteConfig } from '@/lib/config';
import { typeOf } from '@/lib/content/articleType';
import { newestFirst, updatedAt } from '@/lib/content/corrections';
import { formatDate } from '@/lib/content/dates';
import type { ArticleMeta } from '@/lib/content/types';
import { fill } from '@/lib/i18n';
import { editorialStrings } from '@/lib/i18n/editorial';

type Editorial = Pick<ArticleMeta, 'lang' | 'date' | 'lastmod' | 'corrections' | 'type'>;

/** The item's last update, when a correction came after `updated` (what the feed says otherwise). */
export function feedUpdatedWithCorrections(article: Editorial, updated: number): number {
  return Math.max(updated, updatedAt(article) ?? 0);
}

/** The item's text, followed by its newest correction ("Corrected 2025-03-05 09:00: …"). */
export function feedTextWithCorrection(article: Editorial, text: string): string {
  const newest = article.corrections?.length ? newestFirst(article.corrections)[0] : undefined;
  if (!newest) return text;
  const date = formatDate(newest.date, localize(siteConfig.dateFormat, article.lang), siteConfig.timeZone);
  const note = fill(editorialStrings(article.lang).feedCorrection, { date, text: newest.text });
  return text ? `${text}\n\n${note}` : note;
}

/** The item's categories, its label first where it has one. */
export function feedCategoriesWithLabel(article: Editorial, categories: readonly string[]): readonly string[] {
  const type = typeOf(article);
  return type === 'news' ? categories : [editorialStrings(article.lang).labels[type], ...categories];
}
