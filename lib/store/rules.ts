/*
 * What a content folder publishes, as rules with no database: every engine's writer applies the
 * same ones, so the same folder gives the same site whichever store holds it.
 */
import { authorId } from '@/lib/content/authors';
import { termSlug } from '@/lib/content/terms';
import type { ArticleMeta } from '@/lib/content/types';
import { nextMoment } from '@/lib/content/schedule';
import type { CorrectionEntry } from './types';

/** Lists an article belongs to: its language's, each category and tag, each menu it is in, its language's breaking news, the newsroom's. */
export type ListKind = 'all' | 'categories' | 'tags' | 'menu' | 'breaking' | NewsroomList;

/** Lists of the newsroom's fields: each author's articles (slug: the author's id), and the corrected ones (slug ''). */
export type NewsroomList = 'authors' | 'corrected';

/** A list as [kind, slug, name]: the language's is ['all', '', '']. */
export type ListRef = [ListKind, string, string];

/** The lists an article belongs to, its language's first. Two names with one slug ("b", "B") are one list, named as written first. */
export function listsOf(meta: Pick<ArticleMeta, 'categories' | 'tags' | 'menu' | 'breaking' | 'authors' | 'corrections'>): ListRef[] {
  const lists: ListRef[] = [['all', '', '']];
  const seen = new Set<string>();
  const add = (kind: ListKind, slug: string, name: string) => {
    const key = `${kind}\u0000${slug}`;
    if (seen.has(key)) return;
    seen.add(key);
    lists.push([kind, slug, name]);
  };
  for (const name of meta.categories) add('categories', termSlug(name), name);
  for (const name of meta.tags) add('tags', termSlug(name), name);
  for (const name of meta.menu) add('menu', name, name);
  // Breaking news (lib/content/breaking.ts): the store keeps a language's as one more list.
  if (meta.breaking) add('breaking', '', '');
  for (const name of meta.authors ?? []) add('authors', authorId(name), name);
  if (meta.corrections?.length) add('corrected', '', '');
  return lists;
}

/**
 * A row of an engine's corrections table (its date and place `n` in the article's list) as the
 * page shows it, its text from the article's own data; none when the two disagree (never, once
 * written in one transaction).
 */
export function correctionEntry(article: ArticleMeta, row: { date: number; n: number }): CorrectionEntry[] {
  const correction = article.corrections?.[row.n];
  return correction ? [{ date: Number(row.date), text: correction.text, article }] : [];
}

/**
 * How a file's article is kept from readers: 0 not (shown once its date comes), 1 shown to no
 * reader (a draft, a takedown: `unpublish: true`; editors preview it), 2 never an article (a file
 * that only says its URL moved: `redirect`).
 */
export type Hidden = 0 | 1 | 2;

export function hiddenAs(article: Pick<ArticleMeta, 'draft' | 'unpublish' | 'redirect'>): Hidden {
  return article.redirect !== undefined ? 2 : article.draft || article.unpublish ? 1 : 0;
}

/** A file claiming a URL, as the store holds it. */
export interface Candidate {
  path: string;
  /** When it may be shown: its publishDate, else its date (lib/content/schedule.ts, publishAt). */
  date: number;
  hidden: Hidden;
  /** Its expiryDate, if any: shown no more from then on. */
  expires?: number | null;
}

/** Whether a file's article is shown: not hidden, not held back to a later date, not expired; in preview, everything that is an article. */
export function isShown(candidate: Pick<Candidate, 'date' | 'hidden' | 'expires'>, now: number, preview: boolean): boolean {
  return preview ? candidate.hidden < 2 : candidate.hidden === 0 && candidate.date <= now && !isExpiredCandidate(candidate, now);
}

/** Whether a file's article would be shown but for its expiryDate having passed. */
export function isExpiredCandidate(candidate: Pick<Candidate, 'date' | 'hidden' | 'expires'>, now: number): boolean {
  return candidate.hidden === 0 && candidate.date <= now && candidate.expires !== undefined && candidate.expires !== null && candidate.expires <= now;
}

/**
 * Whether a URL none of whose files is shown answers 410 Gone rather than 404: one of them has
 * expired (its expiryDate passed), even when no store ever published it (a first read after).
 */
export function goneByExpiry(candidates: readonly Candidate[], now: number, preview: boolean): boolean {
  return !preview && candidates.some((candidate) => isExpiredCandidate(candidate, now));
}

/**
 * Which of the files claiming one URL owns it, and whether it is published. A file that would be
 * published comes before one that would not (a draft or a future-dated copy never unpublishes a
 * live article), then the first by path (code point order); every other file is its duplicate.
 */
export function ownerOf(candidates: readonly Candidate[], now: number, preview: boolean): { owner?: Candidate; published: boolean } {
  const sorted = [...candidates].sort((a, b) => byCodePoint(a.path, b.path));
  const owner = sorted.find((candidate) => isShown(candidate, now, preview)) ?? sorted[0];
  return { owner, published: owner !== undefined && isShown(owner, now, preview) };
}

/** Strings in code point order (as SQLite's BINARY and PostgreSQL's "C" collation compare UTF-8). */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Whether an article dated `date` waits for publication (it is published once its date comes). */
export function isScheduled(article: Pick<ArticleMeta, 'date' | 'draft' | 'unpublish' | 'redirect'>, now: number, preview: boolean): boolean {
  return !preview && hiddenAs(article) === 0 && article.date > now;
}

/**
 * When the store's publication timer must next look at a file's URL: its publication (date or
 * publishDate) while ahead, then its expiryDate while ahead; undefined when neither is (or in
 * preview, which shows everything). Writers keep this moment in their `scheduled` table.
 */
export function scheduledAt(
  article: Pick<ArticleMeta, 'date' | 'publishDate' | 'expiryDate' | 'draft' | 'unpublish' | 'redirect'>,
  now: number,
  preview: boolean,
): number | undefined {
  return preview || hiddenAs(article) !== 0 ? undefined : nextMoment(article, now);
}

/** An article's own path on the site: "/en/news/x". */
export const articlePath = (meta: Pick<ArticleMeta, 'key'>) => `/${meta.key}`;

/**
 * The URL key an alias names (Hugo's `aliases`: "/old/path/", "old/path", "/zh-cn/old/"): in the
 * language its first segment names, else the article's own; undefined for its own key or none.
 */
export function aliasKey(alias: string, meta: Pick<ArticleMeta, 'lang' | 'key'>, languages: readonly string[]): string | undefined {
  const segments = alias
    .split(/[?#]/, 1)[0]!
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment).normalize('NFC');
      } catch {
        return segment;
      }
    });
  const named = languages.find((code) => code.toLowerCase() === segments[0]?.toLowerCase());
  const rest = named ? segments.slice(1) : segments;
  const key = rest.length > 0 ? `${named ?? meta.lang}/${rest.join('/')}` : undefined;
  return key === meta.key ? undefined : key;
}

/** A share of the published articles a single sync may remove without being told it may. */
export const DELETION_GUARD_SHARE = 0.1;

/**
 * Why a sync must not remove `removing` of `published` articles at once, or undefined when it
 * may. A folder that is missing, empty or unmounted looks like every article deleted: more than a
 * tenth at once stops the sync unless deletions are allowed. A single article may always go (an
 * editor deleting one file from a small site).
 */
export function deletionRefusal(removing: number, published: number, allowDeletions: boolean): string | undefined {
  if (allowDeletions || removing <= 1 || removing <= published * DELETION_GUARD_SHARE) return undefined;
  return (
    `this would remove ${removing} of the ${published} published articles at once (more than a tenth): ` +
    'is the content folder missing, empty or not mounted? Nothing was removed; run again with --allow-deletions if the files really are gone'
  );
}
