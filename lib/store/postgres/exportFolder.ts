import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

const PAGE = 500;

/**
 * Writes the store back out as a content folder: every file it holds, byte for byte (a BOM, CRLF
 * line ends and all), with the modification time it was synced with, so that syncing the folder
 * written finds nothing to do. Files that could not be read when synced have no bytes and are
 * left out (their problems say so). Returns how many files it wrote.
 */
export async function exportFolder(pool: pg.Pool, dir: string): Promise<number> {
  const root = path.resolve(dir);
  let after = '';
  let written = 0;
  for (;;) {
    const { rows } = await pool.query<{ path: string; mtime: number; bytes: Buffer }>({
      name: 'export_page',
      text: 'SELECT f.path, f.mtime, s.bytes FROM files f JOIN sources s ON s.hash = f.hash WHERE f.path > $1 ORDER BY f.path LIMIT $2',
      values: [after, PAGE],
    });
    for (const row of rows) {
      const target = path.join(root, row.path);
      // Paths come from the store: one that would leave the folder is not written.
      if (!target.startsWith(root + path.sep)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, row.bytes);
      // In seconds, not a Date: a Date would drop the time's microseconds.
      utimesSync(target, row.mtime / 1000, row.mtime / 1000);
      written++;
    }
    if (rows.length < PAGE) return written;
    after = (rows.at(-1) as { path: string }).path;
  }
}
