import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway content folder: write files by relative path, remove it after the test. */
export class TempContent {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-content-'));

  write(relative: string, text: string, modified?: Date): this {
    const full = path.join(this.dir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    if (modified) utimesSync(full, modified, modified);
    return this;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A file in the corpus's exact front-matter shape, with fields overridden or removed (undefined). */
export function corpusShaped(overrides: Record<string, string | undefined> = {}, body = 'Body text.\n'): string {
  const fields: Record<string, string | undefined> = {
    title: '"A headline"',
    date: '"2025-02-08 03:17:28"',
    summary: '"A summary."',
    categories: '\n  - "markets"',
    lang: '\n  - "en"',
    translations: '\n  - "en"',
    tags: '\n  - "markets"',
    menu: '""',
    thumbnail: '""',
    lead: '""',
    comments: 'false',
    authorbox: 'false',
    pager: 'true',
    toc: 'false',
    mathjax: 'false',
    sidebar: '"right"',
    widgets: '\n  - "search"\n  - "recent"\n  - "taglist"',
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}:${value!.startsWith('\n') ? '' : ' '}${value}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}
