import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority, READING_NICE } from './threadPriority';

/*
 * The parse pool's read-ahead thread (see ParsePool): reads each file it is sent into one reused
 * buffer and forgets it, so that the file is in the system's cache when a parsing thread reads
 * it. Errors are left to that thread, which reports them with the file's name.
 */
const { dir } = workerData as { dir: string };
const buffer = Buffer.allocUnsafe(1 << 18);
lowerThreadPriority(READING_NICE);

function readThrough(file: string): void {
  let fd: number;
  try {
    fd = openSync(path.join(dir, file), 'r');
  } catch {
    return;
  }
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) === buffer.length);
  } catch {
    // Unreadable: reported when parsed.
  } finally {
    closeSync(fd);
  }
}

parentPort?.on('message', (files: string[]) => {
  for (const file of files) readThrough(file);
});
