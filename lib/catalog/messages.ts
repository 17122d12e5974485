import type { Problem } from '@/lib/content/problems';
import type { ChangeSet, WriterOptions } from './catalogWriter';

/** What the catalog worker is started with. */
export interface WorkerInput {
  file: string;
  dir: string;
  options: Omit<WriterOptions, 'now'>;
  /** Follow the folder's changes after the first pass. */
  watch: boolean;
}

/** Why the catalog changed. */
export type ChangeCause = 'watch' | 'pass' | 'schedule';

/** How a full pass over the folder is going, or (`done`) how it went. */
export interface PassProgress {
  done: boolean;
  /** Markdown files found (known once done). */
  files: number;
  /** Files read (new or changed since the catalog last saw them). */
  read: number;
  /** Articles added, changed or removed. */
  changed: number;
  ms: number;
  /** Once done: every error, and the first warnings (`moreWarnings` not listed). */
  problems: Problem[];
  moreWarnings: number;
}

/** What the worker tells the server. `set` is undefined for a large batch: only `count` is told. */
export type WorkerMessage =
  | { type: 'change'; cause: ChangeCause; set: ChangeSet | undefined; count: number; ms: number; seq: number | undefined }
  | ({ type: 'pass' } & PassProgress)
  | { type: 'error'; message: string };
