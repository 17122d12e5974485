import type { ArticleMeta } from './types';
import { type Taxonomy, taxonomies, termSlug } from './terms';

export interface Term {
  taxonomy: Taxonomy;
  /** The name as first written by an editor: "Dow Jones Newswires". */
  name: string;
  /** The URL key: "dow-jones-newswires". */
  slug: string;
  /** Newest first. */
  articles: ArticleMeta[];
}

/** Newest first; the file path breaks ties so that order never depends on load order. */
function byDateDescending(a: ArticleMeta, b: ArticleMeta): number {
  return b.date - a.date || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/**
 * The in-memory index: lists by language, category, tag and date, and lookups by URL key.
 * It holds metadata only, so its size grows with the number of articles, never with their text.
 */
export class ContentIndex {
  private readonly byKey = new Map<string, ArticleMeta>();
  private readonly byLang = new Map<string, ArticleMeta[]>();
  private readonly positions = new Map<ArticleMeta, number>();
  private readonly terms = new Map<string, Map<string, Term>>();
  private readonly sortedTerms = new Map<string, Term[]>();
  private readonly menus = new Map<string, ArticleMeta[]>();

  constructor(articles: readonly ArticleMeta[], languages: readonly string[]) {
    for (const lang of languages) this.byLang.set(lang, []);
    for (const article of articles) {
      this.byKey.set(article.key, article);
      this.byLang.get(article.lang)?.push(article);
    }
    for (const [lang, list] of this.byLang) {
      list.sort(byDateDescending);
      list.forEach((article, index) => this.positions.set(article, index));
      for (const taxonomy of taxonomies) {
        const terms = new Map<string, Term>();
        for (const article of list) {
          for (const name of article[taxonomy]) {
            const slug = termSlug(name);
            let term = terms.get(slug);
            if (!term) {
              term = { taxonomy, name, slug, articles: [] };
              terms.set(slug, term);
            }
            // Lists are walked newest first, so term lists come out sorted too.
            if (term.articles.at(-1) !== article) term.articles.push(article);
          }
        }
        this.terms.set(`${lang}/${taxonomy}`, terms);
      }
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Every visible article, in no particular order. */
  all(): ArticleMeta[] {
    return [...this.byKey.values()];
  }

  /** The article a URL names, by language and path segments (already decoded). */
  private lowerKeys: Map<string, ArticleMeta> | undefined;

  /**
   * An article whose URL differs only in letter case: Hugo lowercased every URL, so its links
   * to `20250212A06YSW` read `20250212a06ysw`. Built on first use.
   */
  articleIgnoringCase(lang: string, slug: readonly string[]): ArticleMeta | undefined {
    if (!this.lowerKeys) {
      this.lowerKeys = new Map();
      // Newest first: if two ids differ only in case, the old link leads to the newer article.
      for (const list of this.byLang.values()) {
        for (const article of list) {
          const key = article.key.toLowerCase();
          if (!this.lowerKeys.has(key)) this.lowerKeys.set(key, article);
        }
      }
    }
    return this.lowerKeys.get(`${lang}/${slug.join('/')}`.toLowerCase());
  }

  /** Whether this very article (not an older version of it) is on the site now. */
  contains(article: ArticleMeta): boolean {
    return this.positions.has(article);
  }

  article(lang: string, slug: readonly string[]): ArticleMeta | undefined {
    return this.byKey.get(`${lang}/${slug.join('/')}`);
  }

  /** A language's articles, newest first. */
  articles(lang: string): readonly ArticleMeta[] {
    return this.byLang.get(lang) ?? [];
  }

  term(lang: string, taxonomy: Taxonomy, slug: string): Term | undefined {
    return this.terms.get(`${lang}/${taxonomy}`)?.get(slug);
  }

  /** Every term of a taxonomy in a language, by name. */
  /** A language's terms of a taxonomy, by name. Sorted once per index: every page's sidebar asks. */
  termsOf(lang: string, taxonomy: Taxonomy): Term[] {
    const key = `${lang}/${taxonomy}`;
    let sorted = this.sortedTerms.get(key);
    if (!sorted) {
      const collator = new Intl.Collator(lang);
      sorted = [...(this.terms.get(key)?.values() ?? [])].sort((a, b) => collator.compare(a.name, b.name));
      this.sortedTerms.set(key, sorted);
    }
    return [...sorted];
  }

  /**
   * Articles whose front matter places them in a menu ("main", "side", "footer"), oldest first.
   * Found once per index: header, footer and side menu ask on every page, and walking a whole
   * language for them cost each first render several milliseconds.
   */
  menuArticles(lang: string, menu: string): ArticleMeta[] {
    const key = `${lang}/${menu}`;
    let list = this.menus.get(key);
    if (!list) {
      list = this.articles(lang).filter((article) => article.menu.includes(menu)).reverse();
      this.menus.set(key, list);
    }
    return list;
  }

  /** Newer and older neighbours in the same language (Mainroad's pager). */
  neighbours(article: ArticleMeta): { newer?: ArticleMeta; older?: ArticleMeta } {
    const list = this.articles(article.lang);
    const position = this.positions.get(article);
    if (position === undefined) return {};
    return { newer: list[position - 1], older: list[position + 1] };
  }

  /** The same article in another language, found by the shared path after the language prefix. */
  translation(article: ArticleMeta, lang: string): ArticleMeta | undefined {
    return this.article(lang, article.slug);
  }
}
