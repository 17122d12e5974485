import { createHash } from 'node:crypto';
import type { FeedItem } from './feedItem';

/**
 * What the importer knows of one article it wrote, as hashes: enough to tell, at the next run,
 * whether upstream changed since and whether anyone changed the article since.
 */
export interface LedgerEntry {
  /** The upstream item as last imported; absent for a file found before there was a ledger. */
  upstream?: string;
  /** The text the importer wrote; absent when it cannot know it (a file found before the ledger, unlike what it writes now). */
  text?: string;
  /** An upstream version already reported as a conflict, so that each is reported once. */
  conflict?: string;
}

/** One article to write, or (without `text`) only an entry to record. */
export interface LedgerWrite {
  /** Relative to the content folder: "en/news/desk/1.en.md". */
  file: string;
  text?: string;
  entry: LedgerEntry;
  /** The hash of the text the article had when the importer decided to write it; undefined when there was none. */
  before?: string;
}

export interface CommitResult {
  /** Articles that could not be written, and why; their entries are left as they were. */
  failed: { file: string; error: string }[];
  /** Articles someone changed, created or deleted between the decision and the write: left alone. */
  changedMeanwhile: string[];
}

/**
 * The importer's record of what it wrote, for one source folder, and the articles it keeps the
 * record of: reading an article and writing it go through here, so that a store which keeps both
 * in one database (a later PostgreSQL one) writes an article and its entry in one transaction.
 * fileLedger.ts keeps it beside the Markdown files.
 */
export interface ImportLedger {
  entry(file: string): Promise<LedgerEntry | undefined>;
  /** The article's text now; undefined when there is none (never written, or deleted). */
  current(file: string): Promise<string | undefined>;
  /**
   * Writes the texts and records the entries so that, whenever the process is killed, the next
   * run can tell for each article whether the importer's text is in place: an editor's change is
   * never taken for the importer's, nor a deletion for an article never written.
   */
  commit(writes: readonly LedgerWrite[]): Promise<CommitResult>;
  /** Lets another import write this source folder. */
  close(): Promise<void>;
}

export const hashText = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The upstream item as it came, keys in order, so the same item hashes the same in every run. */
export function hashItem(item: FeedItem): string {
  const fields = Object.entries(item)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return hashText(JSON.stringify(fields));
}
