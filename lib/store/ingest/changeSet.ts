import type { LoadOptions } from '@/lib/content/readArticle';
import type { Problem } from '@/lib/content/problems';
import type { ArticleMeta } from '@/lib/content/types';
import { authorId } from '@/lib/content/authors';
import type { ChangeRecord, TouchedArticle, TouchedAuthor } from '../types';

/*
 * What every engine's writer takes and says: its options, and what one update changed. The
 * change log's entries are made from these (touchedBy), the same in every engine.
 */

export interface WriterOptions extends LoadOptions {
  /** Show drafts and future-dated articles (next dev: editors preview them). */
  preview: boolean;
  now?: () => number;
}

/**
 * Newer articles of a language counted for a touched article, up to this: enough to tell whether
 * the recent-articles widget on every page shows it (recentCount, 10 by default).
 */
export const NEWER_COUNTED = 100;

/** An article as it was before a change or is after it, with its pager neighbours' keys. */
export interface ArticleState {
  meta: ArticleMeta;
  newer?: string;
  older?: string;
  /** How many articles of its language are newer, counted up to NEWER_COUNTED. */
  newerCount?: number;
}

/** What a change did to one URL. */
export interface ArticleChange {
  key: string;
  before?: ArticleState;
  after?: ArticleState;
}

/** What one update changed. */
export interface ChangeSet {
  /** Files read again (relative paths). */
  files: string[];
  changes: ArticleChange[];
  /** Problems of the files read, after the update. */
  problems: Problem[];
  /** The catalog's number for the update, where it changed anything (the `changes` table). */
  seq?: number;
  /** Ids of the authors whose description (authors/<id>.md) the update added, changed or removed. */
  authors?: string[];
  /** Those authors with the pages that show them, as the change log records them (set when logged). */
  authorPages?: TouchedAuthor[];
}

/** A change set as the change log and its listeners tell it. */
export function changeRecordOf(set: ChangeSet, seq: number): ChangeRecord {
  return { seq, touched: touchedBy(set), ...(set.authorPages?.length ? { authors: set.authorPages } : {}) };
}

/** Articles of an author named one by one in the change log, per language: past it, the language's every page refreshes. */
export const AUTHOR_ARTICLES_NAMED = 200;

/**
 * The touched articles of a change set: each before and after the change. One with no after was
 * taken down (deleted, unpublished, expired, made a draft again, moved): it says so, with how
 * recent it was, so that no page keeps showing it (lib/server/revalidation/changeTags.ts).
 */
export function touchedBy(set: Pick<ChangeSet, 'changes'>): TouchedArticle[] {
  return set.changes.flatMap((change) =>
    [change.before, change.after].flatMap((state) =>
      state
        ? [
            {
              lang: state.meta.lang,
              slug: state.meta.slug,
              categories: state.meta.categories,
              tags: state.meta.tags,
              menu: state.meta.menu.length > 0,
              ...(state.meta.authors?.length ? { authors: state.meta.authors.map(authorId) } : {}),
              ...(state.meta.corrections?.length ? { corrected: true } : {}),
              newer: state.newer,
              older: state.older,
              ...(state === change.before && !change.after ? { removed: true as const, newerCount: state.newerCount ?? 0 } : {}),
            },
          ]
        : [],
    ),
  );
}

/** A folder a full pass could not read: the articles under it stay as the catalog last read them. */
export interface UnreadableFolder {
  folder: string;
  reason: string;
}

/** What a full pass found: Markdown files, files read, and folders it could not read. */
export interface PassResult {
  files: number;
  read: number;
  unreadable: UnreadableFolder[];
}

/** Entries of the change log kept: a server down for longer than this many changes refreshes every page when it starts. */
export const CHANGES_KEPT = 10_000;
