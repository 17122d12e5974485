import type { ArticleMeta } from '@/lib/content/types';
import { normalizeForSearch } from './normalize';
import { intersect, MAX_DOCUMENTS, Postings, union } from './postings';
import type { PostingStore } from './postingStore';
import { indexKeys, type QueryTerm, termKeyGroups, Vocabulary } from './tokenize';

/** What is indexed of one article; the body as plain text. */
export interface IndexedText {
  article: ArticleMeta;
  body: string;
}

/** Copies of the fields queries filter and rank by: objects of one shape are fast to read. */
interface Doc {
  article: ArticleMeta;
  lang: string;
  date: number;
  /** Normalized title, to rank title matches first. */
  title: string;
}

export interface Hit {
  article: ArticleMeta;
  /** Higher first: titleWeight per query term the title holds, plus the date in epoch ms. */
  score: number;
}

export interface FindOptions {
  /** Only this language; undefined: every language. */
  lang?: string;
  /** Whether an article is on the site now (not a draft, not replaced). */
  accept: (article: ArticleMeta) => boolean;
  /** The last term may be the start of a word (suggestions while typing). */
  prefixLast?: boolean;
  /** Score of one title match; 0 ranks by date alone. Dates stay below 10¹³. */
  titleWeight: number;
}

/**
 * Live additions are folded into the packed segment once there are this many, or a quarter as
 * many as are packed already, so that packing work stays proportional to what was added.
 */
const PACK_AFTER = 250_000;

/**
 * Full-text index of articles: title, summary, description, categories, tags and body. A changed
 * article gets a new id and its old id becomes a tombstone, skipped by queries and swept out
 * when the index next packs; a change never re-indexes more than the files it touched.
 */
export class SearchIndex {
  private readonly postings: Postings;
  private readonly vocabulary = new Vocabulary();
  private docs: (Doc | undefined)[] = [];
  private readonly idOfFile = new Map<string, number>();
  private tombstones = 0;
  private readonly scratch: number[] = [];

  /** `store`: where packed posting lists live (in the heap unless given). */
  constructor(store?: PostingStore) {
    this.postings = new Postings(store);
  }

  get size(): number {
    return this.idOfFile.size;
  }

  stats(): { documents: number; keys: number; words: number; postingBytes: number; keyTableBytes: number } {
    return {
      documents: this.size,
      keys: this.postings.keyCount,
      words: this.vocabulary.size,
      postingBytes: this.postings.bytes,
      keyTableBytes: this.postings.tableBytes,
    };
  }

  /** Indexes an article, replacing its earlier version. In bulk, queries see it after `pack()`. */
  add({ article, body }: IndexedText, bulk = false): void {
    this.remove(article.file);
    if (this.docs.length >= MAX_DOCUMENTS) this.pack();
    const id = this.docs.length;
    const title = normalizeForSearch(article.title);
    this.docs.push({ article, lang: article.lang, date: article.date, title });
    this.idOfFile.set(article.file, id);
    const keys = this.scratch;
    keys.length = 0;
    indexKeys(title, this.vocabulary, keys);
    for (const field of [article.summary, article.description, article.categories.join(' '), article.tags.join(' '), body]) {
      if (field) indexKeys(normalizeForSearch(field), this.vocabulary, keys);
    }
    // Sorting a typed array puts repeats side by side, cheaper than a Set of thousands of keys.
    const sorted = Uint32Array.from(keys).sort();
    if (bulk) {
      this.postings.addBulk(id, sorted);
      return;
    }
    this.postings.add(id, sorted);
    if (this.postings.unpacked > Math.max(PACK_AFTER, this.postings.packed / 4) || this.tombstones > this.docs.length / 4) this.pack();
  }

  remove(file: string): void {
    const id = this.idOfFile.get(file);
    if (id === undefined) return;
    this.docs[id] = undefined;
    this.idOfFile.delete(file);
    this.tombstones++;
  }

  /** Folds recent additions into the packed segment and sweeps out deleted documents. */
  pack(): void {
    const newIds = new Int32Array(this.docs.length).fill(-1);
    const docs: Doc[] = [];
    this.docs.forEach((doc, id) => {
      if (!doc) return;
      newIds[id] = docs.length;
      this.idOfFile.set(doc.article.file, docs.length);
      docs.push(doc);
    });
    this.postings.pack((id) => newIds[id] as number);
    this.docs = docs;
    this.tombstones = 0;
    this.vocabulary.trim();
  }

  /** Articles holding every term, scored for ranking. */
  find(terms: readonly QueryTerm[], { lang, accept, prefixLast = false, titleWeight }: FindOptions): Hit[] {
    const lists: ArrayLike<number>[] = [];
    for (const [i, term] of terms.entries()) {
      const groups = termKeyGroups(term, this.vocabulary, prefixLast && i === terms.length - 1);
      if (!groups) return [];
      for (const group of groups) {
        const found: ArrayLike<number>[] = [];
        for (const key of group) {
          const list = this.postings.list(key);
          if (list) found.push(list);
        }
        const list = union(found);
        if (list.length === 0) return [];
        lists.push(list);
      }
    }
    if (lists.length === 0) return [];
    const hits: Hit[] = [];
    const needles = terms.map((term) => (term.han ? term.text : term.stem));
    for (const id of intersect(lists)) {
      const doc = this.docs[id];
      if (!doc || (lang !== undefined && doc.lang !== lang) || !accept(doc.article)) continue;
      let score = doc.date;
      if (titleWeight > 0) for (const needle of needles) if (doc.title.includes(needle)) score += titleWeight;
      hits.push({ article: doc.article, score });
    }
    return hits;
  }
}
