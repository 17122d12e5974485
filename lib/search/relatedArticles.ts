import type { Database, Statement } from 'better-sqlite3';
import { indexText } from './ftsText';

/*
 * Related articles: those of the same language whose titles share the most terms with an
 * article's title and summary, newer first among equals. Terms are the search index's own (Han
 * character pairs, English stems), so 美联储 and 聯儲 and "rates"/"rate" meet as they do in search.
 *
 * The cost is bounded whatever the archive's size: one full-text query for the newest titles that
 * hold any of the terms (FTS5 walks its lists newest first and stops at the limit), and, when that
 * window is filled by common terms, a second one for the rarer terms alone, which reaches further
 * back. Candidates are then scored by recounting the terms their titles share, from the catalog.
 */

/** Words that say nothing about what an article is about (after stemming). */
const STOP_WORDS = new Set(
  (
    'the and for with that this from are was were has have had not but its it into over after about than more ' +
    'will would can could new says said say year week day today what when who how why which there their they ' +
    'you your our out all one two per amid also been being just via off'
  ).split(' '),
);

/** How many of the newest matching titles each query considers. */
const WINDOW = 120;
/** At most this many terms of an article are looked for: a query's cost grows with them. */
const MAX_TERMS = 10;
/** A term in more than this share of the first window is common; the second query leaves it out. */
const COMMON_SHARE = 0.1;
/**
 * Less in common than this is a coincidence, not a relation: two shared terms of which one is
 * distinctive (counted double), or three common ones.
 */
const MIN_SCORE = 3;

/** The distinct search terms of some text worth relating by: Han pairs and meaningful words. */
function termsOf(text: string): string[] {
  return indexText(text)
    .split(' ')
    .filter((token) => {
      if (token === '') return false;
      // A single Han character is in half the archive; a pair is what carries meaning.
      if (token.charCodeAt(0) > 0x2e7f) return token.length === 2;
      return token.length >= 3 && !/^\d+$/.test(token) && !STOP_WORDS.has(token);
    });
}

/**
 * The terms an article is related by, most telling first: those its title and summary both use
 * (a pair of characters in both is a word, not a seam between two), then the title's, then the
 * summary's.
 */
export function relatingTerms(title: string, summary: string): string[] {
  const inTitle = termsOf(title);
  const inSummary = new Set(termsOf(summary));
  const both = inTitle.filter((term) => inSummary.has(term));
  const ranked = new Set([...both, ...inTitle, ...inSummary]);
  return [...ranked].slice(0, MAX_TERMS);
}

/** Two headlines that differ only in case, width, script or punctuation (typographic or not) are one. */
const headlineKey = (title: string) => indexText(title);

const quote = (term: string) => `"${term}"`;

/** Titles whose terms are kept between renders: the newest titles come up in most windows. */
const KEPT_TITLES = 20_000;

interface TitleTerms {
  headline: string;
  terms: readonly string[];
}

export class RelatedArticles {
  private readonly newest: Statement<[string, number], { rowid: number }>;
  private readonly inLanguage: Statement<[string, string], { id: number }>;
  private readonly titleOf: Statement<[number], { title: string }>;
  /** By article id, least recently used first; emptied when content changes (forget()). */
  private readonly titles = new Map<number, TitleTerms>();

  /** `searchDb`: the full-text index's file; `db`: the catalog, for the candidates' titles. */
  constructor(searchDb: Database, db: Database) {
    this.newest = searchDb.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?');
    this.inLanguage = db.prepare('SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND lang = ? ORDER BY id DESC');
    this.titleOf = db.prepare("SELECT json_extract(meta, '$.title') AS title FROM articles WHERE id = ?");
  }

  /** Content changed: a title may have too. */
  forget(): void {
    this.titles.clear();
  }

  /** A candidate's headline key and relating terms, read and split once while it stays in use. */
  private titleTerms(id: number): TitleTerms {
    let kept = this.titles.get(id);
    if (kept) {
      this.titles.delete(id);
    } else {
      const title = this.titleOf.get(id)?.title ?? '';
      kept = { headline: headlineKey(title), terms: termsOf(title) };
      if (this.titles.size >= KEPT_TITLES) this.titles.delete(this.titles.keys().next().value!);
    }
    this.titles.set(id, kept);
    return kept;
  }

  /**
   * The newest titles in `lang` holding any of the terms, up to WINDOW; `full` when there may be
   * more. The language is checked in the catalog, not by the index: at a million articles, a
   * language's list in the index is a third of the archive, and walking it beside the terms' lists
   * made the query several times slower (4 to 10 ms against 2). Twice the window is read, as
   * Simplified and Traditional titles share their terms.
   */
  private window(terms: readonly string[], lang: string): { ids: number[]; full: boolean } {
    const rowids = this.newest.all(`title : (${terms.map(quote).join(' OR ')})`, WINDOW * 2).map((row) => row.rowid);
    const ids = this.inLanguage
      .all(JSON.stringify(rowids), lang)
      .slice(0, WINDOW)
      .map((row) => row.id);
    return { ids, full: rowids.length >= WINDOW * 2 || ids.length >= WINDOW };
  }

  /**
   * Ids of up to `limit` articles related to `article` (its catalog id, language, title and
   * summary), best first.
   */
  find(article: { id: number; lang: string; title: string; summary: string }, limit: number): number[] {
    if (limit <= 0) return [];
    const terms = relatingTerms(article.title, article.summary);
    if (terms.length < 2) return [];
    const wanted = new Set(terms);
    const candidates = new Map<number, { headline: string; terms: string[] }>();
    const gather = (ids: readonly number[]) => {
      for (const id of ids) {
        if (id === article.id || candidates.has(id)) continue;
        const { headline, terms: titleTerms } = this.titleTerms(id);
        candidates.set(id, { headline, terms: titleTerms.filter((term) => wanted.has(term)) });
      }
    };
    const first = this.window(terms, article.lang);
    gather(first.ids);
    // How many of the newest titles hold each term: the common ones fill the window at once.
    const seen = new Map<string, number>();
    for (const { terms: shared } of candidates.values()) for (const term of shared) seen.set(term, (seen.get(term) ?? 0) + 1);
    const rare = terms.filter((term) => (seen.get(term) ?? 0) <= WINDOW * COMMON_SHARE);
    if (first.full && rare.length > 0 && rare.length < terms.length) gather(this.window(rare, article.lang).ids);

    // Shared terms, a distinctive one counting double; then newer first.
    const rareSet = new Set(rare);
    const scored = [...candidates].map(([id, candidate]) => ({
      id,
      headline: candidate.headline,
      score: candidate.terms.reduce((sum, term) => sum + (rareSet.has(term) ? 2 : 1), 0),
    }));
    scored.sort((a, b) => b.score - a.score || b.id - a.id);
    // The same headline twice (a story filed by two sources, or again) is listed once, and never
    // the article's own.
    const headlines = new Set([headlineKey(article.title)]);
    const chosen: number[] = [];
    for (const { id, headline, score } of scored) {
      if (chosen.length >= limit || score < MIN_SCORE) break;
      if (headlines.has(headline)) continue;
      headlines.add(headline);
      chosen.push(id);
    }
    return chosen;
  }
}
