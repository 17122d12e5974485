/**
 * Corrections (front matter `corrections:`): a list of dated notes an editor adds when an article
 * is corrected. Shown openly on the article, in its structured data and feeds, and on each
 * language's corrections page. The article's "updated" time is the later of `lastmod` and its
 * newest correction.
 */
export interface Correction {
  /** Epoch milliseconds. */
  date: number;
  text: string;
}

/** The time an article was last updated, when it was: `lastmod` or its newest correction, whichever is later. */
export function updatedAt(article: { date: number; lastmod?: number; corrections?: readonly Correction[] }): number | undefined {
  let latest = article.lastmod;
  for (const correction of article.corrections ?? []) if (latest === undefined || correction.date > latest) latest = correction.date;
  return latest !== undefined && latest > article.date ? latest : undefined;
}

/** Corrections newest first, as the notice and the corrections page show them. */
export function newestFirst(corrections: readonly Correction[]): Correction[] {
  return [...corrections].sort((a, b) => b.date - a.date);
}
