/*
 * A full-text query as a tree, in no engine's syntax: the search's ranking tiers, suggestions and
 * related articles build these, and each store engine renders them in its own (FTS5 here;
 * PostgreSQL's tsquery in lib/store/postgres). Tokens are the index's own (ftsText.ts): Han
 * characters and pairs, word stems, the language token.
 */
export type MatchQuery =
  /** One index token; `prefix`: also any longer token it begins (a word being typed). */
  | { token: string; prefix?: boolean }
  | { all: MatchQuery[] }
  | { any: MatchQuery[] }
  /** The first, without the second. */
  | { but: [MatchQuery, MatchQuery] }
  /** Only in the title. */
  | { title: MatchQuery }
  /** Only articles in this language. */
  | { lang: string };

const quoted = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * A token as one FTS5 phrase of one token. The index's `ascii` tokenizer splits at any ASCII
 * character but a letter or digit, so a token holding one is none it can hold: `""`, which
 * matches nothing (a phrase of several would need positions, which this index does not keep).
 */
const phrase = (token: string) => (/^(?:[A-Za-z0-9]|[^\x00-\x7f])+$/u.test(token) ? quoted(token) : '""');

/**
 * The query in FTS5's expression syntax, over the `search` table's columns (title, body, lang).
 * A word is looked for in the title and body only: the language's token (`len`) is a word too.
 */
export function toFts5(query: MatchQuery, languageToken: (lang: string) => string): string {
  const render = (q: MatchQuery, inTitle: boolean): string => {
    if ('token' in q) {
      const text = q.prefix ? `${phrase(q.token)}*` : phrase(q.token);
      return inTitle ? text : `{title body} : ${text}`;
    }
    if ('all' in q) return q.all.length === 1 ? render(q.all[0]!, inTitle) : `(${q.all.map((part) => render(part, inTitle)).join(' AND ')})`;
    if ('any' in q) return q.any.length === 1 ? render(q.any[0]!, inTitle) : `(${q.any.map((part) => render(part, inTitle)).join(' OR ')})`;
    if ('but' in q) return `(${render(q.but[0], inTitle)} NOT ${render(q.but[1], inTitle)})`;
    if ('title' in q) return `title : (${render(q.title, true)})`;
    return `lang : ${quoted(languageToken(q.lang))}`;
  };
  return render(query, false);
}
