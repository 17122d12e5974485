/*
 * An article's full-text entry in PostgreSQL: one tsvector of the index's own tokens
 * (lib/search/ftsText.ts), made with array_to_tsvector so PostgreSQL parses nothing. Each title
 * token is there twice, as itself and behind TITLE_MARK, so "only in the title" is one more token;
 * the language is there behind LANGUAGE_MARK (and in a column of its own, which a query's
 * top-level language filter uses). Index tokens are letters, digits and Han characters, so a mark
 * never begins one, and no prefix of a word can reach a marked token.
 */

export const TITLE_MARK = '^';
export const LANGUAGE_MARK = '@';

/** PostgreSQL's bounds: a lexeme under 2 KB, and all of a tsvector's lexemes under 1 MB. */
export const MAX_LEXEME_BYTES = 2046;
const MAX_DOCUMENT_BYTES = 1_048_575 - 4096;

export interface SearchDocument {
  /** The lexemes, space-separated (none holds a space): `array_to_tsvector(string_to_array($1, ' '))`. */
  lexemes: string;
  /** Distinct body tokens left out because the text is larger than a tsvector holds. */
  leftOut: number;
}

/** The entry of an article whose tokens are `search` (parsedFile.ts's searchTokens). */
export function searchDocument(search: { title: string; body: string; lang: string }): SearchDocument {
  const title = split(search.title);
  const lexemes = [...title, ...marked(title), LANGUAGE_MARK + search.lang];
  let bytes = lexemes.reduce((sum, token) => sum + Buffer.byteLength(token) + 1, 0);
  let leftOut = 0;
  for (const token of split(search.body)) {
    const size = Buffer.byteLength(token) + 1;
    if (bytes + size > MAX_DOCUMENT_BYTES) {
      leftOut++;
      continue;
    }
    bytes += size;
    lexemes.push(token);
  }
  return { lexemes: lexemes.join(' '), leftOut };
}

/**
 * The title's marked lexemes alone, space-separated: the entry's row in `titles` (schema.ts,
 * migration 9), which related articles walk newest first (fullText.ts). The same lexemes as
 * the SQL function title_doc() takes from a whole entry.
 */
export function titleLexemes(title: string): string {
  return marked(split(title)).join(' ');
}

function marked(tokens: readonly string[]): string[] {
  return tokens.map((token) => TITLE_MARK + token);
}

function split(tokens: string): string[] {
  return tokens.split(' ').filter((token) => token !== '' && Buffer.byteLength(token) <= MAX_LEXEME_BYTES);
}
