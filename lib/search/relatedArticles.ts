import type { FullTextIndex } from '@/lib/store/types';
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

/** Titles whose terms are kept between renders: the newest titles come up in most windows. */
const KEPT_TITLES = 20_000;

interface TitleTerms {
  headline: string;
  terms: readonly string[];
}

/** Related articles over the store's full-text index, whichever engine holds it. */
export class RelatedArticles {
  /** By article id, least recently used first; emptied when content changes (forget()). */
  private readonly titles = new Map<number, TitleTerms>();

  constructor(private readonly index: FullTextIndex) {}

  /** Content changed: a title may have too. */
  forget(): void {
    this.titles.clear();
  }

  /** Candidates' headline keys and relating terms, read and split once while they stay in use. */
  private async titleTerms(ids: readonly number[]): Promise<Map<number, TitleTerms>> {
    const found = new Map<number, TitleTerms>();
    const missing: number[] = [];
    for (const id of ids) {
      const kept = this.titles.get(id);
      if (kept) {
        this.titles.delete(id);
        this.titles.set(id, kept);
        found.set(id, kept);
      } else {
        missing.push(id);
      }
    }
    const read = missing.length > 0 ? await this.index.titles(missing) : new Map<number, string>();
    for (const id of missing) {
      const title = read.get(id) ?? '';
      const kept = { headline: headlineKey(title), terms: termsOf(title) };
      if (this.titles.size >= KEPT_TITLES) this.titles.delete(this.titles.keys().next().value!);
      this.titles.set(id, kept);
      found.set(id, kept);
    }
    return found;
  }

  /**
   * The newest titles in `lang` holding any of the terms, up to WINDOW; `full` when there may be
   * more. The language is checked in the catalog, not by the index: at a million articles, a
   * language's list in the index is a third of the archive, and walking it beside the terms' lists
   * made the query several times slower (4 to 10 ms against 2). Twice the window is read, as
   * Simplified and Traditional titles share their terms.
   */
  private async window(terms: readonly string[], lang: string): Promise<{ ids: number[]; full: boolean }> {
    const rowids = await this.index.ids({ title: { any: terms.map((token) => ({ token })) } }, WINDOW * 2, 0);
    const ids = (await this.index.inLanguage(rowids, lang)).slice(0, WINDOW);
    return { ids, full: rowids.length >= WINDOW * 2 || ids.length >= WINDOW };
  }

  /**
   * Ids of up to `limit` articles related to `article` (its catalog id, language, title and
   * summary), best first.
   */
  async find(article: { id: number; lang: string; title: string; summary: string }, limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    const terms = relatingTerms(article.title, article.summary);
    if (terms.length < 2) return [];
    const wanted = new Set(terms);
    const candidates = new Map<number, { headline: string; terms: string[] }>();
    const gather = async (ids: readonly number[]) => {
      const fresh = ids.filter((id) => id !== article.id && !candidates.has(id));
      for (const [id, { headline, terms: titleTerms }] of await this.titleTerms(fresh)) {
        candidates.set(id, { headline, terms: titleTerms.filter((term) => wanted.has(term)) });
      }
    };
    const first = await this.window(terms, article.lang);
    await gather(first.ids);
    // How many of the newest titles hold each term: the common ones fill the window at once.
    const seen = new Map<string, number>();
    for (const { terms: shared } of candidates.values()) for (const term of shared) seen.set(term, (seen.get(term) ?? 0) + 1);
    const rare = terms.filter((term) => (seen.get(term) ?? 0) <= WINDOW * COMMON_SHARE);
    if (first.full && rare.length > 0 && rare.length < terms.length) await gather((await this.window(rare, article.lang)).ids);

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
