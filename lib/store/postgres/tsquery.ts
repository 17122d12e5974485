/*
 * A full-text query (lib/search/matchQuery.ts) in PostgreSQL's tsquery syntax, over the entries
 * searchDocument.ts writes. The tsquery is passed as a bound parameter, never spliced into SQL,
 * and every token is a quoted lexeme (quotes doubled, backslashes escaped), so no query text can
 * change the query's shape. A token no entry can hold (empty, holding NUL, beginning with a mark,
 * longer than a lexeme may be) matches nothing, and the tree is simplified around it rather than
 * sent to PostgreSQL, which would refuse it.
 */
import { languageToken } from '@/lib/search/ftsText';
import type { MatchQuery } from '@/lib/search/matchQuery';
import { LANGUAGE_MARK, MAX_LEXEME_BYTES, TITLE_MARK } from './searchDocument';

/** A query rendered: what the entry must satisfy (every entry, none, or a tsquery), and the language column's value if the query names one at its top. */
export interface RenderedQuery {
  match: 'every' | 'none' | { tsquery: string };
  /** The search table's `lang` (languageToken) the query is limited to. */
  lang?: string;
}

type Part = 'every' | 'none' | string;

/** A lexeme quoted for tsquery input: inside single quotes, `'` is doubled and `\` escapes. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function holdable(token: string): boolean {
  return (
    token !== '' &&
    !token.includes('\u0000') &&
    !token.startsWith(TITLE_MARK) &&
    !token.startsWith(LANGUAGE_MARK) &&
    Buffer.byteLength(token) + TITLE_MARK.length <= MAX_LEXEME_BYTES
  );
}

function render(query: MatchQuery, title: boolean): Part {
  if ('token' in query) {
    if (!holdable(query.token)) return 'none';
    return quoteLexeme((title ? TITLE_MARK : '') + query.token) + (query.prefix ? ':*' : '');
  }
  if ('all' in query) {
    const parts = query.all.map((item) => render(item, title));
    if (parts.includes('none')) return 'none';
    const kept = parts.filter((part) => part !== 'every');
    return kept.length === 0 ? 'every' : kept.length === 1 ? (kept[0] as string) : `(${kept.join(' & ')})`;
  }
  if ('any' in query) {
    const parts = query.any.map((item) => render(item, title));
    if (parts.includes('every')) return 'every';
    const kept = parts.filter((part) => part !== 'none');
    return kept.length === 0 ? 'none' : kept.length === 1 ? (kept[0] as string) : `(${kept.join(' | ')})`;
  }
  if ('but' in query) {
    const wanted = render(query.but[0], title);
    const unwanted = render(query.but[1], title);
    if (wanted === 'none' || unwanted === 'every') return 'none';
    if (unwanted === 'none') return wanted;
    return wanted === 'every' ? `!${unwanted}` : `(${wanted} & !${unwanted})`;
  }
  if ('title' in query) return render(query.title, true);
  return quoteLexeme(LANGUAGE_MARK + languageToken(query.lang));
}

/** The language filters at the query's top (itself, or items of its top-level `all`), and the rest. */
function splitLanguage(query: MatchQuery): { langs: string[]; rest: MatchQuery[] } {
  if ('lang' in query) return { langs: [languageToken(query.lang)], rest: [] };
  if ('all' in query) {
    const parts = query.all.map(splitLanguage);
    return { langs: parts.flatMap((part) => part.langs), rest: parts.flatMap((part) => part.rest) };
  }
  return { langs: [], rest: [query] };
}

/** The query as a tsquery, its top-level language filter apart (a column beats a token every entry of that language holds). */
export function toTsquery(query: MatchQuery): RenderedQuery {
  const { langs, rest } = splitLanguage(query);
  const lang = langs[0];
  if (langs.some((other) => other !== lang)) return { match: 'none' };
  const match = render({ all: rest }, false);
  return { match: match === 'every' || match === 'none' ? match : { tsquery: match }, lang };
}
