import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface FileHead {
  /** The start of the file: all of its front matter and at least `minBody` characters after it, when it has them. */
  text: string;
  /** True when `text` is the whole file. */
  complete: boolean;
  modifiedAt: number;
  /** Size in bytes: with the modification time, what tells a changed file from an unchanged one. */
  size: number;
}

const CLOSING_FENCE = /\n---[ \t]*(?:\r?\n|$)/;
const FIRST_READ = 4096;
let scratch = Buffer.allocUnsafe(64 * 1024);

function enoughText(text: string, minBody: number): boolean {
  if (!/^\uFEFF?---[ \t]*\r?\n/.test(text)) return text.length >= minBody;
  const fence = CLOSING_FENCE.exec(text);
  return fence !== null && text.length - (fence.index + fence[0].length) >= minBody;
}

/**
 * Reads only as much of a file as the index needs: the front matter and the opening of the body
 * (for an excerpt, or a heading to title it by). Bodies run to hundreds of kilobytes (inline
 * base64 images) and the index never needs them, so start-up follows the number of articles,
 * not the size of the archive. Synchronous on purpose: thousands of small reads through the
 * thread pool cost several times more, and the loader runs once, at start-up.
 */
export function readHead(file: string, minBody = 1024): FileHead {
  const fd = openSync(file, 'r');
  try {
    const { size, mtimeMs } = fstatSync(fd);
    let wanted = Math.min(size, FIRST_READ);
    let length = 0;
    for (;;) {
      if (scratch.length < wanted) scratch = Buffer.allocUnsafe(Math.max(wanted, scratch.length * 2));
      while (length < wanted) {
        const read = readSync(fd, scratch, length, wanted - length, length);
        if (read === 0) break;
        length += read;
      }
      const complete = length >= size;
      const text = scratch.toString('utf8', 0, length);
      if (complete || enoughText(text, minBody)) return { text, complete, modifiedAt: mtimeMs, size };
      wanted = Math.min(size, wanted * 4);
    }
  } finally {
    closeSync(fd);
  }
}
