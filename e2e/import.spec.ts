import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { get, waitFor } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * `npm run import` into the content folder of a running server: the new articles are on their
 * home pages within 5 s, and every page keeps answering meanwhile.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const PORT = 3240;
let content: string;
let server: Started;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-import-e2e'));
  server = await startNext({ distDir: freshCopy('.next', '.next-import'), contentDir: content, host: '127.0.0.1', port: PORT });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
});

test('imported upstream items are on their home pages within 5 s', async () => {
  await get(`${server.origin}/en`);
  await get(`${server.origin}/zh-HK`);
  const started = Date.now();
  const { stdout } = await promisify(execFile)(process.execPath, [
    'node_modules/tsx/dist/cli.mjs',
    'scripts/import.ts',
    'tests/fixtures/import/upstream/harbourwire',
    'tests/fixtures/import/upstream/marketdesk/live.json',
    '--content',
    content,
  ]);
  expect(stdout).toMatch(/list\.json: 13 read, 5 written/);
  await waitFor(async () => (await get(`${server.origin}/en`)).body.includes('Harbour berth opens early'), 5000, 'the English item on /en');
  await waitFor(async () => (await get(`${server.origin}/zh-HK`)).body.includes('港務局：新泊位提前啟用'), 5000, 'the zh-TW item on /zh-HK');
  console.log(`imported and on the home pages ${Date.now() - started} ms after the import started`);
  const article = await get(`${server.origin}/en/news/harbourwire/A-1002`);
  expect(article.status).toBe(200);
  expect(article.body).toContain('frozen');
  expect(article.body).not.toContain('alert(');
});
