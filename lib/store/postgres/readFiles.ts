import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ParsedFile, parseFile } from '@/lib/store/ingest/parsedFile';
import type { LoadOptions } from '@/lib/content/readArticle';

/** A file a sync looks at, with the hash of the bytes the store holds for it (hex), if any. */
export interface FileToRead {
  path: string;
  hash?: string;
}

/** What reading it found: the same bytes as the store's (only its stat is new), or the file read and parsed. */
export type ReadResult = { path: string; same: true; mtime: number; size: number } | { path: string; same: false; parsed: ParsedFile; bytes?: Uint8Array };

/**
 * Reads each file once, hashes its bytes, and parses it only when they differ from the store's
 * (a checkout that touches every file costs a read and a hash each, and writes nothing). A file
 * that cannot be read is parsed anyway: the parser says why, with the file's name.
 */
export function readFiles(dir: string, files: readonly FileToRead[], options: LoadOptions): ReadResult[] {
  return files.map(({ path: file, hash }) => {
    let bytes: Buffer;
    let stats: { mtimeMs: number; size: number };
    try {
      const fd = openSync(path.join(dir, file), 'r');
      try {
        const { mtimeMs, size } = fstatSync(fd);
        stats = { mtimeMs, size };
        bytes = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      return { path: file, same: false, parsed: parseFile(dir, file, options) };
    }
    if (hash !== undefined && createHash('sha256').update(bytes).digest('hex') === hash) {
      return { path: file, same: true, mtime: stats.mtimeMs, size: stats.size };
    }
    const parsed = parseFile(dir, file, options, true, { text: bytes.toString('utf8'), bytes, stats });
    return { path: file, same: false, parsed, bytes };
  });
}
