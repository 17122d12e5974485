import type { MatchQuery } from './matchQuery';
import { normalizedCode } from './normalize';
import { charClass, HAN, MAX_WORD, OTHER, type QueryTerm, stemOf, WORD } from './tokenize';

/*
 * What SQLite's full-text index (FTS5) stores and is asked for. Chinese has no spaces, and FTS5's
 * tokenizers know no Chinese, so the text is segmented here, the same way for documents and
 * queries: Han runs become their characters and pairs of characters (峰会 is found inside
 * 人工智能行动峰会 with no dictionary), other words their stems (rates → rate), after folding
 * case, width and Traditional to Simplified. FTS5 then sees one space-separated token per entry
 * and its `ascii` tokenizer only splits at spaces and ASCII punctuation: every non-ASCII
 * character counts as part of a token.
 */

/*
 * Indexing runs once per article at every first start, over a whole archive: it is the largest
 * part of reading a file, and it is written for that. Text is normalized, split and collected in
 * one pass over its code units, and distinct tokens are found with numbers rather than strings: a
 * Han character is its place among the Han code points, a pair of them a number made of both
 * places, a word the number of its stem, looked up by a hash of its code units (WordTable), so a
 * word seen before makes no string. Each is marked seen with the number of the current call (a
 * stamp), so nothing is cleared between calls. The output is written as UTF-16 code units into one
 * buffer and decoded once. tests/search.test.ts holds it to a plain version of the same rules.
 */
const BLOCK_A = 0x3400; // to 0x4dbf
const UNIFIED = 0x4e00; // to 0x9fff
const COMPATIBILITY = 0xf900; // to 0xfaff
const UNIFIED_AT = 0x4dbf - BLOCK_A + 1;
const COMPATIBILITY_AT = UNIFIED_AT + 0x9fff - UNIFIED + 1;
const HAN_COUNT = COMPATIBILITY_AT + 0xfaff - COMPATIBILITY + 1;

const hanIndex = (code: number) =>
  code < UNIFIED ? code - BLOCK_A : code < COMPATIBILITY ? code - UNIFIED + UNIFIED_AT : code - COMPATIBILITY + COMPATIBILITY_AT;
/** The code point of each Han index. */
const hanCodes = new Uint16Array(HAN_COUNT).map((_, index) =>
  index < UNIFIED_AT ? index + BLOCK_A : index < COMPATIBILITY_AT ? index - UNIFIED_AT + UNIFIED : index - COMPATIBILITY_AT + COMPATIBILITY,
);

const grown = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
};

/** Integers seen in the current call: an open-addressing set whose slots are marked with the stamp. */
class StampedSet {
  private keys = new Int32Array(1 << 14);
  private stamps = new Int32Array(1 << 14);
  private count = 0;
  private stamp = 1;

  /** Forgets every key. */
  clear(): void {
    this.count = 0;
    if (++this.stamp === 0x7fffffff) {
      this.stamp = 1;
      this.stamps.fill(0);
    }
  }

  /** Adds a key; false when it was there. */
  add(key: number): boolean {
    let mask = this.keys.length - 1;
    if (this.count * 2 >= mask) mask = this.grow();
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    while (this.stamps[slot] === this.stamp) {
      if (this.keys[slot] === key) return false;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.stamp;
    this.keys[slot] = key;
    this.count++;
    return true;
  }

  private grow(): number {
    const { keys, stamps, stamp } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.stamps = new Int32Array(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (stamps[i] === stamp) this.add(keys[i] as number);
    return this.keys.length - 1;
  }
}

/**
 * Words seen so far, by their normalized code units, each with the number of its stem: a hash
 * table over typed arrays. Forgotten all at once when it holds too many (news text keeps coming
 * back to the same words).
 */
class WordTable {
  static readonly KEPT = 200_000;
  private slots = new Int32Array(1 << 19);
  private hashes = new Int32Array(1 << 12);
  private starts = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private stemNumbers = new Int32Array(1 << 12);
  private units = new Uint16Array(1 << 16);
  private unitCount = 0;
  private count = 0;
  private readonly stemNumberOf = new Map<string, number>();
  /** The text of each stem number. */
  readonly stems: string[] = [];

  get full(): boolean {
    return this.count >= WordTable.KEPT;
  }

  /** The stem number of the word in `word[0 … length)`, whose hash is `hash`. */
  stemNumber(word: Uint16Array, length: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot] as number; entry !== 0; entry = this.slots[slot] as number) {
      const i = entry - 1;
      if (this.hashes[i] === hash && this.lengths[i] === length && this.sameUnits(i, word, length)) return this.stemNumbers[i] as number;
      slot = (slot + 1) & mask;
    }
    return this.add(slot, word, length, hash);
  }

  private sameUnits(entry: number, word: Uint16Array, length: number): boolean {
    const start = this.starts[entry] as number;
    for (let c = 0; c < length; c++) if (this.units[start + c] !== word[c]) return false;
    return true;
  }

  private add(slot: number, word: Uint16Array, length: number, hash: number): number {
    const text = String.fromCharCode(...word.subarray(0, length));
    const stem = stemOf(text);
    let number = this.stemNumberOf.get(stem);
    if (number === undefined) {
      number = this.stems.length;
      this.stems.push(stem);
      this.stemNumberOf.set(stem, number);
    }
    if (this.count === this.hashes.length) {
      this.hashes = grown(this.hashes);
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
      this.stemNumbers = grown(this.stemNumbers);
    }
    while (this.unitCount + length > this.units.length) {
      const larger = new Uint16Array(this.units.length * 2);
      larger.set(this.units);
      this.units = larger;
    }
    this.units.set(word.subarray(0, length), this.unitCount);
    this.hashes[this.count] = hash;
    this.starts[this.count] = this.unitCount;
    this.lengths[this.count] = length;
    this.stemNumbers[this.count] = number;
    this.unitCount += length;
    this.count++;
    this.slots[slot] = this.count;
    // A table stays at most half full (a single text can hold more words than KEPT).
    if (this.count * 2 > this.slots.length) this.rehash();
    return number;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = (this.hashes[i] as number) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = i + 1;
    }
  }
}

let table = new WordTable();
/** This call's distinct stems, Han characters and Han pairs. */
const stemsSeen = new StampedSet();
const hanSeen = new StampedSet();
/** This call's distinct words (stem numbers) and Han tokens (a character's index, or HAN_COUNT + a pair's number), in the order first seen. */
let words = new Int32Array(1024);
let wordCount = 0;
let han = new Int32Array(4096);
let hanCount = 0;
/** The word being read, normalized. */
const word = new Uint16Array(MAX_WORD + 1);

/** Collects the distinct tokens of some text: word stems, Han characters and pairs. */
function collectTokens(text: string): void {
  let kind = OTHER;
  let length = 0;
  let hash = 0;
  let previous = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? normalizedCode(text.charCodeAt(i)) : 0x20;
    const next = charClass(code);
    if (kind === WORD && next !== WORD && length <= MAX_WORD) {
      const number = table.stemNumber(word, length, hash);
      if (stemsSeen.add(number)) {
        if (wordCount === words.length) words = grown(words);
        words[wordCount++] = number;
      }
    }
    if (next === WORD) {
      if (kind !== WORD) {
        length = 0;
        hash = 0x811c9dc5;
      }
      if (length < MAX_WORD + 1) word[length] = code;
      length++;
      hash = Math.imul(hash ^ code, 0x01000193);
    } else if (next === HAN) {
      const index = hanIndex(code);
      if (hanSeen.add(index)) pushHan(index);
      if (kind === HAN) {
        const pair = previous * HAN_COUNT + index;
        if (hanSeen.add(HAN_COUNT + pair)) pushHan(HAN_COUNT + pair);
      }
      previous = index;
    }
    kind = next;
  }
}

function pushHan(token: number): void {
  if (hanCount === han.length) han = grown(han);
  han[hanCount++] = token;
}

let output = new Uint16Array(1 << 16);
const decoder = new TextDecoder('utf-16le');

/** The index text of some fields: their distinct tokens, space-separated; words first, then Han characters and pairs. */
export function indexText(...fields: (string | undefined)[]): string {
  if (table.full) table = new WordTable();
  stemsSeen.clear();
  hanSeen.clear();
  wordCount = 0;
  hanCount = 0;
  for (const field of fields) if (field) collectTokens(field);
  const stems = table.stems;
  let length = hanCount * 3;
  for (let i = 0; i < wordCount; i++) length += (stems[words[i] as number] as string).length + 1;
  if (output.length < length) output = new Uint16Array(length * 2);
  let at = 0;
  for (let i = 0; i < wordCount; i++) {
    const stem = stems[words[i] as number] as string;
    if (at > 0) output[at++] = 0x20;
    for (let c = 0; c < stem.length; c++) output[at++] = stem.charCodeAt(c);
  }
  for (let i = 0; i < hanCount; i++) {
    if (at > 0) output[at++] = 0x20;
    const token = han[i] as number;
    if (token < HAN_COUNT) {
      output[at++] = hanCodes[token] as number;
    } else {
      const pair = token - HAN_COUNT;
      output[at++] = hanCodes[Math.floor(pair / HAN_COUNT)] as number;
      output[at++] = hanCodes[pair % HAN_COUNT] as number;
    }
  }
  return decoder.decode(output.subarray(0, at));
}

/** The token standing for a language in the `lang` column ("zh-CN" → "lzhcn"). */
export function languageToken(lang: string): string {
  return `l${lang.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

/**
 * The shortest word read as the start of longer ones while a reader types: every word beginning
 * "the" is thousands of terms to merge (150 ms at a million articles); from four letters on, few.
 */
export const MIN_PREFIX = 4;

/**
 * What a document must hold to match one query term: every character pair of a Han term (a
 * single character: itself), or a word's stem; with `prefix`, the word being typed may also be
 * the start of a longer one.
 */
export function termQuery(term: QueryTerm, prefix = false): MatchQuery {
  if (term.han) {
    const chars = [...term.text];
    if (chars.length === 1) return { token: chars[0] as string };
    return { all: chars.slice(1).map((char, i) => ({ token: `${chars[i]}${char}` })) };
  }
  return prefix && term.text.length >= MIN_PREFIX ? { any: [{ token: term.stem }, { token: term.text, prefix: true }] } : { token: term.stem };
}

/** Every term, in any column, in the reader's language when one is given. */
export function matchQuery(terms: readonly QueryTerm[], options: { lang?: string; prefixLast?: boolean } = {}): MatchQuery {
  const parts = terms.map((term, i) => termQuery(term, options.prefixLast === true && i === terms.length - 1));
  if (options.lang !== undefined) parts.push({ lang: options.lang });
  return { all: parts };
}

/** Documents whose title holds the given terms (all of them); `typed` may be the start of a word. */
export function titleQuery(terms: readonly QueryTerm[], typed?: QueryTerm): MatchQuery {
  return { title: { all: terms.map((term) => termQuery(term, term === typed)) } };
}
