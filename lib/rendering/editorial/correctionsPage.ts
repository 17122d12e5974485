/*
 * A language's corrections page (/{lang}/corrections): its most recent corrections, newest first
 * by the date of each correction (the store's recentCorrections), each linking to its article.
 */
import { isLanguage, languages } from '@/lib/config';
import { getStore, type CorrectionEntry } from '@/lib/store';
import { correctionsUrl } from '@/lib/routing/urls';

/** How many corrections the page shows: the most recent; each older one stays on its own article. */
export const CORRECTIONS_SHOWN = 50;

/** The page's corrections; undefined for a path that names no language. */
export async function loadCorrections(lang: string): Promise<CorrectionEntry[] | undefined> {
  if (!isLanguage(lang)) return undefined;
  return getStore().recentCorrections(lang, 0, CORRECTIONS_SHOWN);
}

/** The same page in the other languages (each has one). */
export function correctionsAlternates(lang: string): Record<string, string> {
  return Object.fromEntries(languages.filter(({ code }) => code !== lang).map(({ code }) => [code, correctionsUrl(code)]));
}
