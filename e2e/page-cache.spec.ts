import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { get } from './support/http';
import { freshCopy, type Started, startProcess } from './support/servers';

/**
 * The server's own page cache stays under the size the operator sets: here 1 MB
 * (BROADSHEET_PAGE_CACHE_MB), with more pages rendered than fit. The least recently used pages
 * leave; the ones read lately stay.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const PORT = 3230;
const MB = 1024 * 1024;
let content: string;
let cacheDir: string;
let server: Started;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-pagecache-content'));
  // 300 more articles, each with a few kilobytes of text that does not compress to nothing.
  for (let i = 0; i < 300; i++) {
    const text = Array.from({ length: 40 }, (_, j) => `Paragraph ${j} of dispatch ${i}: ${(i * 7919 + j * 104_729).toString(36).repeat(6)}.`).join('\n\n');
    writeFileSync(path.join(content, `en/news/city/dispatch-${i}.en.md`), `---\ntitle: "Dispatch ${i}"\ndate: "2026-10-01 08:00:00"\n---\n\n${text}\n`);
  }
  cacheDir = path.join(tmpdir(), `broadsheet-pagecache-${process.pid}`);
  rmSync(cacheDir, { recursive: true, force: true });
  server = await startProcess(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: {
      NODE_ENV: 'production',
      NEXT_DIST_DIR: freshCopy('.next', '.next-pagecache'),
      CONTENT_DIR: content,
      BROADSHEET_CACHE_DIR: cacheDir,
      BROADSHEET_PAGE_CACHE_MB: '1',
      BROADSHEET_PAGE_MEMORY_MB: '0',
    },
    origin: `http://127.0.0.1:${PORT}`,
    readyLog: /\[content\] \d+ articles from/,
  });
});

test.afterAll(async () => {
  await server?.stop();
  for (const folder of [content, cacheDir]) rmSync(folder, { recursive: true, force: true });
});

const pageCacheBytes = () =>
  readdirSync(cacheDir)
    .filter((name) => name.startsWith('pages.sqlite'))
    .reduce((sum, name) => sum + statSync(path.join(cacheDir, name)).size, 0);

test('renders three times more pages than fit, and stays under 1 MB', async () => {
  const origin = `http://127.0.0.1:${PORT}`;
  const first = '/en/news/city/dispatch-0';
  expect((await get(origin + first)).headers['x-nextjs-cache']).toBe('MISS');
  expect((await get(origin + first)).headers['x-nextjs-cache']).toBe('HIT');
  let largest = 0;
  for (let i = 1; i < 300; i++) {
    expect((await get(`${origin}/en/news/city/dispatch-${i}`)).status).toBe(200);
    largest = Math.max(largest, pageCacheBytes());
  }
  expect(largest).toBeGreaterThan(0.5 * MB);
  expect(largest).toBeLessThanOrEqual(1 * MB);
  // The first page has left the cache; the last ones are still in it.
  expect((await get(origin + first)).headers['x-nextjs-cache']).toBe('MISS');
  expect((await get(`${origin}/en/news/city/dispatch-299`)).headers['x-nextjs-cache']).toBe('HIT');
  console.log(`page cache: at most ${Math.round(largest / 1024)} KB on disk for 300 pages rendered`);
});
