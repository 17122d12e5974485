import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from './problems';
import type { ArticleMeta } from './types';

/*
 * What the content store knew about each file when it last saw it, kept on disk so that a
 * restarted server reads only files that changed since: parsing 18,000 front matters takes
 * seconds, checking 18,000 modification times a fraction of one.
 */

/** Bumped whenever ArticleMeta or the loader's rules change: an old snapshot is then ignored. */
const VERSION = 1;

export interface FileRecord {
  mtimeMs: number;
  size: number;
  article?: ArticleMeta;
  problems: Problem[];
}

interface SnapshotFile {
  version: number;
  dir: string;
  files: Record<string, FileRecord>;
}

/** The records of a snapshot of `dir`, or undefined when there is none that fits. */
export function readSnapshot(file: string, dir: string): Map<string, FileRecord> | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
    if (snapshot.version !== VERSION || snapshot.dir !== dir) return undefined;
    return new Map(Object.entries(snapshot.files));
  } catch {
    return undefined; // None yet, or unreadable: every file is read.
  }
}

/** Writes a snapshot atomically (a reader never sees half a file). Returns false if it cannot. */
export function writeSnapshot(file: string, dir: string, records: ReadonlyMap<string, FileRecord>): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const snapshot: SnapshotFile = { version: VERSION, dir, files: Object.fromEntries(records) };
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, file);
    return true;
  } catch {
    return false; // A read-only file system (some serverless hosts): the snapshot is an optimisation only.
  }
}
