import { normalizeForSearch } from './normalize';
import { eachRun, type QueryTerm, stemWord } from './tokenize';

/** A piece of text, marked when it matched the query. Rendered as text: never as HTML. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Spans of `text` that match a term: Han terms anywhere, words where their stem matches. */
export function matchRanges(text: string, terms: readonly QueryTerm[]): [number, number][] {
  const normalized = normalizeForSearch(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term.han) continue;
    for (let at = normalized.indexOf(term.text); at >= 0; at = normalized.indexOf(term.text, at + term.text.length)) {
      ranges.push([at, at + term.text.length]);
    }
  }
  const stems = new Set(terms.filter((term) => !term.han).map((term) => term.stem));
  if (stems.size > 0) {
    eachRun(normalized, (run, han, start) => {
      if (!han && stems.has(stemWord(run))) ranges.push([start, start + run.length]);
    });
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function segments(text: string, ranges: readonly [number, number][], from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(Math.max(start, at), Math.min(end, to)), match: true });
    at = Math.min(end, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), match: false });
  return out;
}

/** The whole text, with its matches marked: for titles. */
export function highlight(text: string, terms: readonly QueryTerm[]): Segment[] {
  return segments(text, matchRanges(text, terms));
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, Math.max(i, 1));
}

/**
 * Where the first match in normalized text starts, or -1. Words are found by searching for the
 * start they share with their stem and then stemming only the words found there, so a long
 * article is not stemmed word by word.
 */
function firstMatch(normalized: string, terms: readonly QueryTerm[]): number {
  let first = -1;
  const earlier = (at: number) => at >= 0 && (first < 0 || at < first);
  for (const term of terms) {
    if (term.han) {
      const at = normalized.indexOf(term.text);
      if (earlier(at)) first = at;
      continue;
    }
    const needle = commonPrefix(term.text, term.stem);
    for (let at = normalized.indexOf(needle); at >= 0 && earlier(at); at = normalized.indexOf(needle, at + 1)) {
      if (isWordChar(normalized[at - 1])) continue;
      let end = at;
      while (isWordChar(normalized[end])) end++;
      if (stemWord(normalized.slice(at, end)) === term.stem) {
        first = at;
        break;
      }
    }
  }
  return first;
}

/**
 * About `length` characters of the first text that holds a match, around its first match, with
 * every match marked. Undefined when none of the texts holds one.
 */
export function snippet(texts: readonly string[], terms: readonly QueryTerm[], length = 220): Segment[] | undefined {
  for (const text of texts) {
    const first = firstMatch(normalizeForSearch(text), terms);
    if (first < 0) continue;
    let from = Math.max(0, first - Math.floor(length / 4));
    // Start at a word boundary when there is one close by; Chinese text starts where it stands.
    const space = text.lastIndexOf(' ', first);
    if (from > 0 && space >= from && space < first) from = space + 1;
    const to = Math.min(text.length, from + length);
    // Only the window is searched for every match; a match cut by its edge is marked in part.
    const ranges = matchRanges(text.slice(from, to), terms).map(([start, end]): [number, number] => [start + from, end + from]);
    const out = segments(text, ranges, from, to);
    if (from > 0) out.unshift({ text: '…', match: false });
    if (to < text.length) out.push({ text: '…', match: false });
    return out;
  }
  return undefined;
}
