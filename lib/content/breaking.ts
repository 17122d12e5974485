/*
 * Breaking news: `breaking:` in an article's front matter puts a line linking to it at the top of
 * every page of its language (components/BreakingLine.tsx) until the field is removed, the
 * article leaves, or the line's `until:` passes. The newest such article of a language wins.
 *
 *   breaking: true                       # the line is the article's title
 *   breaking: "Typhoon signal 8 raised"  # a line of its own
 *   breaking:
 *     text: "Typhoon signal 8 raised"
 *     until: 2026-12-05 18:00            # the site's time zone unless one is written
 */
import { parseDate } from './dates';
import type { Reader } from './frontMatter';
import { shownValue } from './problems';
import type { FrontMatter } from './types';

export interface Breaking {
  /** The line; empty: the article's title. */
  text: string;
  /** When the line goes (epoch ms); undefined: when the field or the article does. */
  until?: number;
}

const MAX_TEXT = 200;

export function readBreaking(data: Record<string, unknown>, timeZone: string, r: Reader): Breaking | undefined {
  const value = data.breaking;
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return undefined;
  if (value === true || value === 'true') return { text: '' };
  if (typeof value === 'string') return { text: value.trim().slice(0, MAX_TEXT) };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const text = typeof record.text === 'string' ? record.text.trim().slice(0, MAX_TEXT) : '';
    if (record.text !== undefined && typeof record.text !== 'string') r.problems.warn('breaking', `text must be text, found ${shownValue(record.text)}; using the title`, r.line('breaking'));
    const unknown = Object.keys(record).filter((key) => key !== 'text' && key !== 'until');
    if (unknown.length > 0) r.problems.warn('breaking', `may hold "text" and "until"; ${unknown.join(', ')} ignored`, r.line('breaking'));
    if (record.until === undefined || record.until === null || record.until === '') return { text };
    const until = parseDate(record.until, timeZone);
    if (until === undefined) {
      r.problems.warn('breaking', `until: ${shownValue(record.until)} is not a date; the line is not shown`, r.line('breaking'));
      return undefined;
    }
    return { text, until };
  }
  r.problems.warn('breaking', `expected true, a line of text or {text, until}, found ${shownValue(value)}; ignored`, r.line('breaking'));
  return undefined;
}

/** The line a language shows now: the first (newest) of its breaking articles whose time has not run out. */
export function currentBreaking<T extends Pick<FrontMatter, 'title' | 'breaking'>>(articles: readonly T[], now: number): { article: T; text: string } | undefined {
  for (const article of articles) {
    const breaking = article.breaking;
    if (!breaking || (breaking.until !== undefined && breaking.until <= now)) continue;
    return { article, text: breaking.text || article.title };
  }
  return undefined;
}
