import { stemmer } from 'stemmer';
import { isHanCode, normalizeForSearch } from './normalize';

/*
 * Chinese is written without spaces, so it is indexed by character and by pair of characters
 * (unigrams and bigrams): 峰会 is found inside 人工智能行动峰会 without a dictionary deciding
 * where words end. Other scripts are split into words of letters and digits, and English words
 * are reduced to a stem (rates → rate).
 */

/** Longer "words" (hashes, encoded data) are not indexed or searched. */
export const MAX_WORD = 40;

export const HAN = 1;
export const WORD = 2;
export const OTHER = 0;
/** Character classes of BMP code units, filled in on first sight (255: not yet known). */
const classes = new Uint8Array(0x10000).fill(255);
const letterOrDigit = /[\p{L}\p{N}]/u;

/** Whether a code unit of normalized text is Han (HAN), part of a word (WORD), or neither (OTHER). */
export function charClass(code: number): number {
  let kind = classes[code] as number;
  if (kind === 255) {
    // Halves of astral characters (rare in news text) are kept inside words.
    kind = isHanCode(code) ? HAN : code >= 0xd800 && code <= 0xdfff ? WORD : letterOrDigit.test(String.fromCharCode(code)) ? WORD : OTHER;
    classes[code] = kind;
  }
  return kind;
}

/** Calls back with each Han run and each word of normalized text, and where it starts. */
export function eachRun(text: string, visit: (run: string, han: boolean, start: number) => void): void {
  let start = 0;
  let kind = OTHER;
  for (let i = 0; i <= text.length; i++) {
    const next = i < text.length ? charClass(text.charCodeAt(i)) : OTHER;
    if (next === kind) continue;
    if (kind !== OTHER) visit(text.slice(start, i), kind === HAN, start);
    kind = next;
    start = i;
  }
}

/** Stems already worked out: news text repeats its words, and the stemmer is a chain of regular expressions. */
const stems = new Map<string, string>();
const STEMS_KEPT = 200_000;

/** The stem of a normalized word: English words lose their endings, others stay as they are. */
export function stemOf(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemOf(word);
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** One thing a reader asked for; every term of a query must match. */
export interface QueryTerm {
  /** Normalized text as typed: 人工智能, rates. */
  text: string;
  han: boolean;
  /** Normalized stem of a word; the text itself for Han. Titles holding it rank first. */
  stem: string;
}

export const MAX_QUERY_TERMS = 12;

/** Longer queries are cut: nobody types more, and a 10 KB query must cost no more than a short one. */
export const MAX_QUERY_LENGTH = 200;

/** The terms of a query; only its first MAX_QUERY_LENGTH code units are read. */
export function parseQuery(query: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  eachRun(normalizeForSearch(query.slice(0, MAX_QUERY_LENGTH)), (text, han) => {
    if (terms.size >= MAX_QUERY_TERMS || (!han && text.length > MAX_WORD)) return;
    const stem = han ? text : stemWord(text);
    terms.set(`${han}:${stem}`, { text, han, stem });
  });
  return [...terms.values()];
}
