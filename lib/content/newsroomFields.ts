import { type ArticleType, articleTypes, isArticleType } from './articleType';
import type { Correction } from './corrections';
import { parseDate } from './dates';
import { type ProblemList, shownValue } from './problems';

/**
 * The newsroom's front-matter fields (issue 29): `author`, `corrections`, `type`. Read apart from
 * Mainroad's fields so each is one place; every bad entry is a warning naming the field (and the
 * entry), and the rest of the article is shown.
 */
export const newsroomKeys = ['author', 'authors', 'corrections', 'type'] as const;

export interface NewsroomFields {
  /** Authors as written (names or ids), in order, without repeats; undefined when none. */
  authors?: string[];
  /** Valid corrections, in the order written; undefined when none. */
  corrections?: Correction[];
  /** Undefined: news. */
  type?: ArticleType;
}

type Line = (key: string) => number | undefined;

const clean = (text: string) => text.replace(/[\u2028\u2029]/g, ' ').trim();

function readAuthors(data: Record<string, unknown>, key: 'author' | 'authors', problems: ProblemList, line: Line): string[] {
  const value = data[key];
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' || typeof item === 'number') {
      const name = clean(String(item));
      if (name) names.push(name);
    } else if (item !== null) {
      problems.warn(key, `expected an author's name or id (or a list of them); ${shownValue(item)} ignored`, line(key));
    }
  }
  return names;
}

function readCorrections(data: Record<string, unknown>, timeZone: string, problems: ProblemList, line: Line): Correction[] {
  const value = data.corrections;
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value)) {
    problems.warn('corrections', 'expected a list of entries, each with a date and a text ("- date: 2025-02-08 10:00\\n  text: …"); ignored', line('corrections'));
    return [];
  }
  const corrections: Correction[] = [];
  value.forEach((entry: unknown, index) => {
    const field = `corrections[${index + 1}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.warn(field, `expected a date and a text, found ${shownValue(entry)}; this correction is left out`, line('corrections'));
      return;
    }
    const record = entry as Record<string, unknown>;
    const rawDate = record.date;
    const rawText = record.text;
    const text = typeof rawText === 'string' || typeof rawText === 'number' ? clean(String(rawText)) : '';
    const date = rawDate === undefined || rawDate === null || rawDate === '' ? undefined : parseDate(rawDate, timeZone);
    if (rawDate === undefined || rawDate === null || rawDate === '') {
      problems.warn(`${field}.date`, 'missing; this correction is left out', line('corrections'));
    } else if (date === undefined) {
      problems.warn(`${field}.date`, `${shownValue(rawDate)} is not a date (use "2025-02-08 10:00", ISO 8601 or RFC 2822); this correction is left out`, line('corrections'));
    }
    if (!text) problems.warn(`${field}.text`, 'missing; this correction is left out', line('corrections'));
    if (date !== undefined && text) corrections.push({ date, text });
  });
  return corrections;
}

function readType(data: Record<string, unknown>, problems: ProblemList, line: Line): ArticleType | undefined {
  const value = data.type;
  if (value === undefined || value === null || value === '') return undefined;
  const type = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (isArticleType(type)) return type === 'news' ? undefined : type;
  problems.warn('type', `${shownValue(value)} is not a label this site knows (${articleTypes.join(', ')}); shown as news`, line('type'));
  return undefined;
}

export function readNewsroomFields(data: Record<string, unknown>, timeZone: string, problems: ProblemList, line: Line): NewsroomFields {
  // `authors` is accepted as a spelling of `author` (Hugo sites use both).
  const authors = [...new Set([...readAuthors(data, 'author', problems, line), ...readAuthors(data, 'authors', problems, line)])];
  const corrections = readCorrections(data, timeZone, problems, line);
  return {
    authors: authors.length > 0 ? authors : undefined,
    corrections: corrections.length > 0 ? corrections : undefined,
    type: readType(data, problems, line),
  };
}
