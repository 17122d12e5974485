import { stemmer } from 'stemmer';
import { isHanCode, normalizeForSearch } from './normalize';

/*
 * Chinese is written without spaces, so it is indexed by character and by pair of characters
 * (unigrams and bigrams): 峰会 is found inside 人工智能行动峰会 without a dictionary deciding
 * where words end. Other scripts are split into words of letters and digits, and English words
 * are reduced to a stem (rates → rate).
 *
 * Tokens are small integers rather than strings: a Han character or pair is numbered by its code
 * points, a word by the vocabulary. Integer keys make indexing an archive several times faster
 * than string keys and let posting lists live in typed arrays.
 */

const HAN_RANGES: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];
const HAN_COUNT = HAN_RANGES.reduce((sum, [from, to]) => sum + to - from + 1, 0);
/** Word keys start above every Han key (HAN_COUNT + HAN_COUNT² < 2³⁰), so keys stay small integers. */
const WORD_BASE = 2 ** 30;
const MAX_WORD = 40;

function hanIndex(code: number): number {
  let offset = 0;
  for (const [from, to] of HAN_RANGES) {
    if (code >= from && code <= to) return offset + code - from;
    offset += to - from + 1;
  }
  return -1;
}

const unigramKey = (h: number) => h;
const bigramKey = (h1: number, h2: number) => HAN_COUNT + h1 * HAN_COUNT + h2;

const HAN = 1;
const WORD = 2;
const OTHER = 0;
/** Character classes of BMP code units, filled in on first sight (255: not yet known). */
const classes = new Uint8Array(0x10000).fill(255);
const letterOrDigit = /[\p{L}\p{N}]/u;

function classOf(code: number): number {
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
    const next = i < text.length ? classOf(text.charCodeAt(i)) : OTHER;
    if (next === kind) continue;
    if (kind !== OTHER) visit(text.slice(start, i), kind === HAN, start);
    kind = next;
    start = i;
  }
}

/** Stems already worked out: news text repeats its words, and the stemmer is a chain of regular expressions. */
const stems = new Map<string, string>();
const STEMS_KEPT = 200_000;

export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** Word stems and their keys. Lookups of a word already seen skip the stemmer. */
export class Vocabulary {
  private readonly keys = new Map<string, number>();
  private seen = new Map<string, number>();
  private sorted: string[] | undefined;

  /** The key of a word's stem; a new stem gets a key only when `create` is set. */
  key(word: string, create: boolean): number | undefined {
    const known = this.seen.get(word);
    if (known !== undefined) return known;
    const stem = stemWord(word);
    let key = this.keys.get(stem);
    if (key === undefined) {
      if (!create) return undefined;
      key = WORD_BASE + this.keys.size;
      this.keys.set(stem, key);
      this.sorted = undefined;
    }
    this.seen.set(word, key);
    return key;
  }

  /** Keys of stems that start with `prefix`, at most `limit`: a word still being typed. */
  keysWithPrefix(prefix: string, limit: number): number[] {
    // Sorted once per vocabulary change, then each lookup is a binary search.
    this.sorted ??= [...this.keys.keys()].sort();
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const keys: number[] = [];
    for (let i = lo; i < sorted.length && keys.length < limit && (sorted[i] as string).startsWith(prefix); i++) {
      keys.push(this.keys.get(sorted[i] as string) as number);
    }
    return keys;
  }

  get size(): number {
    return this.keys.size;
  }

  /** Forgets the word → key shortcut after a bulk load; stems are kept. */
  trim(): void {
    this.seen = new Map();
  }
}

/** Every index key of normalized text, pushed onto `into` (duplicates included). */
export function indexKeys(normalized: string, vocabulary: Vocabulary, into: number[]): void {
  eachRun(normalized, (run, han) => {
    if (han) {
      let previous = -1;
      for (let i = 0; i < run.length; i++) {
        const h = hanIndex(run.charCodeAt(i));
        into.push(unigramKey(h));
        if (previous >= 0) into.push(bigramKey(previous, h));
        previous = h;
      }
    } else if (run.length <= MAX_WORD) {
      into.push(vocabulary.key(run, true) as number);
    }
  });
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

export function parseQuery(query: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  eachRun(normalizeForSearch(query), (text, han) => {
    if (terms.size >= MAX_QUERY_TERMS || (!han && text.length > MAX_WORD)) return;
    const stem = han ? text : stemWord(text);
    terms.set(`${han}:${stem}`, { text, han, stem });
  });
  return [...terms.values()];
}

const PREFIX_KEYS = 64;

/**
 * What a document must hold to match a term: every group, where a group is satisfied by any of
 * its keys. A Han term needs each of its bigrams (a lone character: itself); a word needs its
 * stem, or with `prefix` (the word being typed) any stem it begins. Undefined: nothing can match.
 */
export function termKeyGroups(term: QueryTerm, vocabulary: Vocabulary, prefix = false): number[][] | undefined {
  if (!term.han) {
    const exact = vocabulary.key(term.text, false);
    const keys = prefix
      ? [...new Set([...(exact === undefined ? [] : [exact]), ...vocabulary.keysWithPrefix(term.text, PREFIX_KEYS)])]
      : exact === undefined
        ? []
        : [exact];
    return keys.length > 0 ? [keys] : undefined;
  }
  const h = Array.from(term.text, (char) => hanIndex(char.charCodeAt(0)));
  if (h.length === 1) return [[unigramKey(h[0] as number)]];
  return h.slice(1).map((second, i) => [bigramKey(h[i] as number, second)]);
}
