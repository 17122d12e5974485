import { normalizeForSearch } from './normalize';
import { eachRun, MAX_WORD, type QueryTerm, stemWord } from './tokenize';

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
 * Han characters and pairs are collected as small integers (a character's place among the Han
 * code points, a pair's place among pairs of them), which V8 keeps unboxed: pairs of raw code
 * points pass 2³¹ and make every set entry a heap number. Strings are made once per distinct
 * token: a long Chinese article repeats its characters hundreds of times.
 */
const BLOCK_A = 0x3400; // to 0x4dbf
const UNIFIED = 0x4e00; // to 0x9fff
const COMPATIBILITY = 0xf900; // to 0xfaff
const UNIFIED_AT = 0x4dbf - BLOCK_A + 1;
const COMPATIBILITY_AT = UNIFIED_AT + 0x9fff - UNIFIED + 1;
const HAN_COUNT = COMPATIBILITY_AT + 0xfaff - COMPATIBILITY + 1;

const hanIndex = (code: number) =>
  code < UNIFIED ? code - BLOCK_A : code < COMPATIBILITY ? code - UNIFIED + UNIFIED_AT : code - COMPATIBILITY + COMPATIBILITY_AT;
const hanChar = (index: number) =>
  String.fromCharCode(
    index < UNIFIED_AT ? index + BLOCK_A : index < COMPATIBILITY_AT ? index - UNIFIED_AT + UNIFIED : index - COMPATIBILITY_AT + COMPATIBILITY,
  );

/** Each distinct token of normalized text: word stems, and Han characters and pairs as numbers. */
function collectTokens(text: string, words: Set<string>, han: Set<number>): void {
  eachRun(normalizeForSearch(text), (run, isHan) => {
    if (isHan) {
      let previous = -1;
      for (let i = 0; i < run.length; i++) {
        const index = hanIndex(run.charCodeAt(i));
        han.add(index);
        if (previous >= 0) han.add(HAN_COUNT + previous * HAN_COUNT + index);
        previous = index;
      }
    } else if (run.length <= MAX_WORD) {
      words.add(stemWord(run));
    }
  });
}

/** The index text of some fields: their distinct tokens, space-separated. */
export function indexText(...fields: (string | undefined)[]): string {
  const words = new Set<string>();
  const han = new Set<number>();
  for (const field of fields) if (field) collectTokens(field, words, han);
  const tokens = [...words];
  for (const key of han) {
    if (key < HAN_COUNT) tokens.push(hanChar(key));
    else {
      const pair = key - HAN_COUNT;
      tokens.push(hanChar(Math.floor(pair / HAN_COUNT)) + hanChar(pair % HAN_COUNT));
    }
  }
  return tokens.join(' ');
}

/** The token standing for a language in the `lang` column ("zh-CN" → "lzhcn"). */
export function languageToken(lang: string): string {
  return `l${lang.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

const quote = (token: string) => `"${token}"`;

/**
 * The shortest word read as the start of longer ones while a reader types: every word beginning
 * "the" is thousands of terms to merge (150 ms at a million articles); from four letters on, few.
 */
export const MIN_PREFIX = 4;

/**
 * An FTS5 expression a document must satisfy to match one query term: every character pair of a
 * Han term (a single character: itself), or a word's stem; with `prefix`, the word being typed
 * may also be the start of a longer one.
 */
export function termExpression(term: QueryTerm, prefix = false): string {
  if (term.han) {
    const chars = [...term.text];
    if (chars.length === 1) return quote(chars[0] as string);
    return `(${chars
      .slice(1)
      .map((char, i) => quote(`${chars[i]}${char}`))
      .join(' AND ')})`;
  }
  return prefix && term.text.length >= MIN_PREFIX ? `(${quote(term.stem)} OR ${quote(term.text)}*)` : quote(term.stem);
}

/** Every term, in any column, in the reader's language when one is given. */
export function matchExpression(terms: readonly QueryTerm[], options: { lang?: string; prefixLast?: boolean } = {}): string {
  const parts = terms.map((term, i) => termExpression(term, options.prefixLast === true && i === terms.length - 1));
  if (options.lang !== undefined) parts.push(`lang : ${quote(languageToken(options.lang))}`);
  return parts.join(' AND ');
}

/** Documents whose title holds the given terms (all of them); `typed` may be the start of a word. */
export function titleExpression(terms: readonly QueryTerm[], typed?: QueryTerm): string {
  return `title : (${terms.map((term) => termExpression(term, term === typed)).join(' AND ')})`;
}
