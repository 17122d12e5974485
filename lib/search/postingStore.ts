import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where the packed posting lists keep their document ids: one flat run of uint32 ids, read a
 * list at a time by position.
 */
export interface PostingStore {
  /** Ids held. */
  readonly length: number;
  /** Ids at positions [start, end). */
  read(start: number, end: number): Uint32Array;
  /** Replaces every id. The store may keep the array or copy it. */
  replace(ids: Uint32Array): void;
}

/** Ids in the heap: for tests and small sites. */
export class MemoryPostingStore implements PostingStore {
  private ids: Uint32Array = new Uint32Array(0);

  get length(): number {
    return this.ids.length;
  }

  read(start: number, end: number): Uint32Array {
    return this.ids.subarray(start, end);
  }

  replace(ids: Uint32Array): void {
    this.ids = ids;
  }
}

const WRITE_CHUNK = 1 << 24;
let files = 0;

/**
 * Ids in a scratch file, read by offset. The operating system's page cache keeps the lists
 * that queries use in memory, outside the server's heap: at 18,000 articles that is 40 MB the
 * process no longer holds. The file is unlinked as soon as it is open, so nothing is left
 * behind when the process ends, however it ends. Where no file can be written (a read-only
 * temporary folder), the ids stay in memory and search works as before.
 */
export class FilePostingStore implements PostingStore {
  private fd: number | undefined;
  private count = 0;
  /** The ids, when they could not be written to a file. */
  private inMemory: Uint32Array | undefined;

  /** `dir`: where scratch files go; the system's temporary folder (TMPDIR) by default. */
  constructor(private readonly dir: string = tmpdir()) {}

  get length(): number {
    return this.count;
  }

  read(start: number, end: number): Uint32Array {
    if (this.inMemory) return this.inMemory.subarray(start, end);
    const out = new Uint32Array(Math.max(0, end - start));
    if (out.length === 0 || this.fd === undefined) return out;
    const bytes = new Uint8Array(out.buffer);
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(this.fd, bytes, done, bytes.length - done, start * 4 + done);
      if (read === 0) throw new Error(`search postings file ended early (${done} of ${bytes.length} bytes at id ${start})`);
      done += read;
    }
    return out;
  }

  replace(ids: Uint32Array): void {
    let fd: number | undefined;
    try {
      fd = writeScratchFile(this.dir, ids);
    } catch (error) {
      if (!this.inMemory) console.warn(`[search] posting lists kept in memory: cannot write a scratch file in ${this.dir} (${(error as Error).message})`);
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = fd;
    this.inMemory = fd === undefined ? ids : undefined;
    this.count = ids.length;
  }
}

/** Writes the ids to a new, already unlinked file; returns its descriptor. */
function writeScratchFile(dir: string, ids: Uint32Array): number {
  const file = path.join(dir, `broadsheet-postings-${process.pid}-${files++}.bin`);
  const fd = openSync(file, 'w+', 0o600);
  try {
    forget(file);
    const bytes = new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(WRITE_CHUNK, bytes.length - at), at);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Removes the file's name now; where the system refuses while it is open (Windows), at exit. */
function forget(file: string): void {
  try {
    rmSync(file);
  } catch {
    process.once('exit', () => {
      try {
        rmSync(file, { force: true });
      } catch {}
    });
  }
}
