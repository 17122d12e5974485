/**
 * An archive N times larger than a content folder: the originals plus N-1 copies of every
 * article, each with a new id (file name) and a date moved back. Written to `target` and kept
 * there for later runs (a marker file says what it holds), or to a temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function* markdownFiles(dir, prefix = '') {
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(dir, relative);
    else if (entry.name.endsWith('.md')) yield relative;
  }
}

const DAY = 86_400_000;
const pad = (n) => String(n).padStart(2, '0');
/** "2025-02-08 03:17:28" moved back by `days`, in the same form. */
function shift(date, days) {
  const ms = Date.parse(`${date.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) return date;
  const d = new Date(ms - days * DAY);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const MARKER = '.broadsheet-archive.json';

/** The scaled archive in `target` (reused when it already holds this one), or in a new temporary folder. */
export function archiveCopy(sourceDir, factor, target) {
  const wanted = { source: path.resolve(sourceDir), factor };
  if (target && existsSync(path.join(target, MARKER))) {
    const held = JSON.parse(readFileSync(path.join(target, MARKER), 'utf8'));
    if (held.source === wanted.source && held.factor === factor) return { dir: target, files: held.files, reused: true };
  }
  const dir = target ?? mkdtempSync(path.join(tmpdir(), `broadsheet-x${factor}-`));
  mkdirSync(dir, { recursive: true });
  let files = 0;
  for (const relative of markdownFiles(sourceDir)) {
    const text = readFileSync(path.join(sourceDir, relative), 'utf8');
    for (let copy = 0; copy < factor; copy++) {
      // "abc.zh-CN.md" → "abc-x2.zh-CN.md": a new id, the language suffix kept.
      const name = copy === 0 ? relative : relative.replace(/^(.*?)((?:\.[A-Za-z]{2}(?:-[A-Za-z]{2})?)?\.md)$/, `$1-x${copy}$2`);
      const body = copy === 0 ? text : text.replace(/^(date|lastmod):\s*"([^"]+)"/gm, (_, key, date) => `${key}: "${shift(date, copy * 400)}"`);
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), body);
      files++;
    }
  }
  writeFileSync(path.join(dir, MARKER), JSON.stringify({ ...wanted, files }));
  return { dir, files, reused: false };
}
