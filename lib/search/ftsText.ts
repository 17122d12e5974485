import { normalizeForSearch } from './normalize';
import { eachRun, type QueryTerm, stemWord } from './tokenize';

/*
 * What SQLite's full-text index (FTS5) stores and is asked for. Chinese has no spaces, and FTS5's
 * tokenizers know no Chinese, so the text is segmented here, the same way for documents and
 * queries: Han runs become their characters and pairs of characters (峰会 is found inside
 * 人工智能行动峰会 with no dictionary), other words their stems (rates → rate), after folding
 * case, width and Traditional to Simplified. FTS5 then sees one space-separated token per entry
 * and its `ascii` tokenizer only splits at spaces and ASCII punctuation: every non-ASCII
 * character counts as part of a token.
 */

const MAX_WORD = 40;

/**
 * Each distinct token of normalized text. Han characters and pairs are collected as numbers
 * (one or two UTF-16 units) and made strings once each: a long Chinese article repeats its
 * characters hundreds of times.
 */
function collectTokens(text: string, words: Set<string>, han: Set<number>): void {
  eachRun(normalizeForSearch(text), (run, isHan) => {
    if (isHan) {
      let previous = -1;
      for (let i = 0; i < run.length; i++) {
        const code = run.charCodeAt(i);
        han.add(code);
        if (previous >= 0) han.add(previous * 0x10000 + code);
        previous = code;
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
  for (const code of han) tokens.push(code < 0x10000 ? String.fromCharCode(code) : String.fromCharCode(Math.floor(code / 0x10000), code % 0x10000));
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
