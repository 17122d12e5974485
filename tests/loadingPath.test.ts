import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder } from '@/lib/store/sqlite/checkFolder';
import { problemsOf } from '@/lib/store/sqlite/checkFolder';
import { siteCatalogOptions } from '@/lib/store/ingest/siteOptions';
import type { Problem } from '@/lib/content/problems';
import { loadCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

/*
 * One loading path: `npm run check` (checkFolder), the server (getContent: the catalog writer on
 * its own thread, with its parse threads) and the corpus test's catalog read the same folder
 * through the same reader (lib/content/readArticle.ts) and writer (lib/catalog/catalogWriter.ts),
 * with the same site options. Fed the same messy folder, they publish and report the same.
 */

const content = new TempContent()
  .write('en/news/a/good.en.md', corpusShaped({ title: '"Good"' }))
  .write('zh-CN/news/a/中文.zh-CN.md', corpusShaped({ title: '"中文标题"', lang: '\n  - "zh-CN"' }))
  .write('en/news/a/broken.en.md', '---\ntitle: "unterminated\ndate: 2025-02-08\n---\n\nBody.\n')
  .write('en/news/a/no-title.en.md', corpusShaped({ title: undefined }, '# From the heading\n\nText.\n'))
  .write('en/news/a/odd-date.en.md', corpusShaped({ date: '"next Tuesday"' }))
  .write('en/news/a/widgets.en.md', corpusShaped({ widgets: '\n  - "recent"\n  - "weather"' }))
  .write('en/news/a/draft.en.md', corpusShaped({ draft: 'true' }))
  .write('en/news/a/future.en.md', corpusShaped({ date: '"2999-01-01 00:00:00"' }))
  .write('en/news/a/Twin.en.md', corpusShaped({ title: '"Twin"' }))
  .write('en/news/b/../a/twin.en.md', corpusShaped({ title: '"twin, lower case"' }))
  .write('en/search/page.en.md', corpusShaped())
  .write('en/news/a/typo.en.md', corpusShaped({ catgories: '\n  - "x"' }));

const cacheDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-loading-path-'));
const key = (problem: Problem) => `${problem.severity} ${problem.file}:${problem.line ?? ''} ${problem.field}: ${problem.message}`;
const sorted = (problems: readonly Problem[]) => problems.map(key).sort();

let server: { keys: string[]; metas: string[]; problems: string[] };

beforeAll(async () => {
  // The server's own entry point, as `next start` opens it (a writer thread, parse threads).
  process.env.CONTENT_DIR = content.dir;
  process.env.BROADSHEET_CACHE_DIR = cacheDir;
  process.env.BROADSHEET_WATCH = '0';
  const { getContent } = await import('@/lib/store/sqlite/catalog');
  const loaded = getContent();
  await loaded.ready;
  const rows = loaded.db.prepare<[], { key: string; meta: string }>('SELECT key, meta FROM articles ORDER BY key').all();
  server = { keys: rows.map((row) => row.key), metas: rows.map((row) => row.meta), problems: sorted(problemsOf(loaded.db)) };
});

afterAll(() => {
  content.remove();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('one loading path', () => {
  it('the folder is messy enough to tell: errors, warnings, drafts, future and refused files', () => {
    expect(server.keys).toContain('en/news/a/good');
    expect(server.keys).not.toContain('en/news/a/broken');
    expect(server.keys).not.toContain('en/news/a/draft');
    expect(server.keys).not.toContain('en/news/a/future');
    expect(server.problems.some((problem) => problem.startsWith('error en/news/a/broken.en.md'))).toBe(true);
    expect(server.problems.some((problem) => problem.includes('widgets: unknown widget "weather"'))).toBe(true);
    expect(server.problems.some((problem) => problem.includes('en/search/page.en.md'))).toBe(true);
    expect(server.problems.length).toBeGreaterThanOrEqual(6);
  });

  it('npm run check reports and counts exactly what the server publishes and reports', async () => {
    const checked = await checkFolder({ dir: content.dir, ...siteCatalogOptions(false) }, path.join(cacheDir, 'check'));
    expect(sorted(checked.problems)).toEqual(server.problems);
    expect(checked.articles).toBe(server.keys.length);
  });

  it("the corpus test's catalog publishes the same articles with the same metadata", async () => {
    const catalog = await loadCatalog(content.dir, siteCatalogOptions(false));
    const rows = catalog.db.prepare<[], { key: string; meta: string }>('SELECT key, meta FROM articles ORDER BY key').all();
    expect(rows.map((row) => row.key)).toEqual(server.keys);
    expect(rows.map((row) => row.meta)).toEqual(server.metas);
    expect(sorted(problemsOf(catalog.db))).toEqual(server.problems);
  });
});
