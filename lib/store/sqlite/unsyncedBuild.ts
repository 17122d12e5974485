import { closeSync, existsSync, fsyncSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * A catalog's first pass writes gigabytes at a million files, and waiting for the disk at each
 * checkpoint (SQLite's synchronous = NORMAL) cost a tenth of it: a scratch pass at 56x took 280 s
 * without those waits, 309 to 315 s with them. Without them, though, a system crash (not a
 * process's: what it wrote is in the system's cache) can leave the files corrupt. So a first pass
 * runs unsynced only behind a marker file beside the catalog, written to the disk before it
 * begins and removed once both files are. A catalog found with its marker is rebuilt from the
 * files: the price of a restart during a first pass is that pass again.
 */

/** The marker beside a catalog's file. */
export const markerOf = (file: string) => `${file}.unsynced`;

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** True when a first pass over this catalog began unsynced and never finished. */
export function leftUnsynced(file: string): boolean {
  return existsSync(markerOf(file));
}

/**
 * Marks the catalog as being written without waiting for the disk, and makes sure the mark is on
 * it. False, and said, when the mark cannot be written: the pass then waits for the disk.
 */
export function beginUnsynced(file: string): boolean {
  try {
    writeFileSync(markerOf(file), `a first pass began at ${new Date().toISOString()}; its files were not synced\n`);
    fsyncPath(markerOf(file));
    fsyncPath(path.dirname(file));
    return true;
  } catch (error) {
    rmSync(markerOf(file), { force: true });
    console.warn(`[content] ${markerOf(file)} cannot be written (${(error as Error).message}); the first pass waits for the disk, and is slower`);
    return false;
  }
}

/** Puts the catalog's files (`file` and `searchFile`, and their logs) on the disk, then removes the mark. */
export function endUnsynced(file: string, searchFile: string): void {
  for (const part of [file, `${file}-wal`, searchFile, `${searchFile}-wal`]) {
    // The catalog's own files, known only at run time: not for the build's file tracing to follow.
    if (existsSync(/*turbopackIgnore: true*/ part)) fsyncPath(part);
  }
  rmSync(markerOf(file), { force: true });
  fsyncPath(path.dirname(file));
}
