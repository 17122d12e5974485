import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { FileText } from '@/lib/content/readArticle';

/**
 * A batch of files read into one buffer, to be handed from the thread that read them to the one
 * that parses them (ParsePool) without copying: the buffer is transferred. Per file, four numbers
 * in `spans`: where its bytes start and end in `bytes`, its modification time and its size; a
 * start of -1 when it could not be read, left to the parsing thread, which reads it again and
 * reports why with the file's name.
 */
export interface FileBytes {
  bytes: ArrayBuffer;
  spans: Float64Array;
}

const FIELDS = 4;

/** Reads every file of a batch, each with one open, fstat, read and close (a second read only when it grew since fstat). */
export function readFileBytes(dir: string, files: readonly string[]): FileBytes {
  let buffer = Buffer.allocUnsafeSlow(1 << 22);
  let used = 0;
  const spans = new Float64Array(files.length * FIELDS).fill(-1);
  const room = (bytes: number) => {
    if (used + bytes <= buffer.length) return;
    const larger = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, used + bytes));
    buffer.copy(larger, 0, 0, used);
    buffer = larger;
  };
  files.forEach((file, i) => {
    let fd: number;
    try {
      fd = openSync(path.join(dir, file), 'r');
    } catch {
      return;
    }
    try {
      const { mtimeMs, size } = fstatSync(fd);
      const start = used;
      // One byte more than fstat said: a regular file's read comes back short only at its end,
      // so a full read means it grew, and is read on to its end as readFileSync would.
      room(size + 1);
      let got = readSync(fd, buffer, used, size + 1, null);
      used += got;
      while (got > 0 && used - start > size) {
        room(1 << 16);
        got = readSync(fd, buffer, used, buffer.length - used, null);
        used += got;
      }
      spans.set([start, used, mtimeMs, size], i * FIELDS);
    } catch {
      // A folder named like a file, or unreadable: reported by the parsing thread.
    } finally {
      closeSync(fd);
    }
  });
  // allocUnsafeSlow's buffers own their ArrayBuffer from offset 0: it can be transferred as it is.
  return { bytes: buffer.buffer as ArrayBuffer, spans };
}

/** A reader of the batch's files by their place in it: each file's text, or undefined when it was not read. */
export function fileTexts(read: FileBytes): (index: number) => FileText | undefined {
  const bytes = Buffer.from(read.bytes);
  return (index) => {
    const at = index * FIELDS;
    const start = read.spans[at] as number;
    if (start < 0) return undefined;
    const end = read.spans[at + 1] as number;
    // A view, not a copy: handed on with the buffer, transferred again (parseWorker.ts).
    const view = bytes.subarray(start, end);
    return { text: view.toString('utf8'), bytes: view, stats: { mtimeMs: read.spans[at + 2] as number, size: read.spans[at + 3] as number } };
  };
}
