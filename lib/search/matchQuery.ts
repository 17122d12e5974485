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

/** The query in FTS5's expression syntax, over the `search` table's columns (title, body, lang). */
export function toFts5(query: MatchQuery, languageToken: (lang: string) => string): string {
  const render = (q: MatchQuery): string => {
    if ('token' in q) return q.prefix ? `${quoted(q.token)}*` : quoted(q.token);
    if ('all' in q) return q.all.length === 1 ? render(q.all[0]!) : `(${q.all.map(render).join(' AND ')})`;
    if ('any' in q) return q.any.length === 1 ? render(q.any[0]!) : `(${q.any.map(render).join(' OR ')})`;
    if ('but' in q) return `(${render(q.but[0])} NOT ${render(q.but[1])})`;
    if ('title' in q) return `title : (${render(q.title)})`;
    return `lang : ${quoted(languageToken(q.lang))}`;
  };
  return render(query);
}
