import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { get, waitFor } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * `npm run import` into the content folder of a running server: the new articles are on their
 * home pages within 5 s, and every page keeps answering meanwhile; a GBK feed over HTTP reads as
 * Chinese; an editor's correction and takedown survive the next `--update`.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const PORT = 3240;
let content: string;
let server: Started;
const importer = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/import.ts', ...args, '--content', content]);

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
  const { stdout } = await importer('tests/fixtures/import/upstream/harbourwire', 'tests/fixtures/import/upstream/marketdesk/live.json');
  expect(stdout).toMatch(/list\.json: 13 read, 5 written/);
  await waitFor(async () => (await get(`${server.origin}/en`)).body.includes('Harbour berth opens early'), 5000, 'the English item on /en');
  await waitFor(async () => (await get(`${server.origin}/zh-HK`)).body.includes('港務局：新泊位提前啟用'), 5000, 'the zh-TW item on /zh-HK');
  console.log(`imported and on the home pages ${Date.now() - started} ms after the import started`);
  const article = await get(`${server.origin}/en/news/harbourwire/A-1002`);
  expect(article.status).toBe(200);
  expect(article.body).toContain('frozen');
  expect(article.body).not.toContain('alert(');
});

test('a GBK feed reads as Chinese; an editor’s correction and takedown survive the next import with --update', async () => {
  // The feed declares GBK only in its XML declaration; the header names no charset.
  const feed = http.createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(readFileSync('tests/fixtures/import/charsets/gbk-rss.xml')),
  );
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/rss.xml`;
  try {
    expect((await importer(feedUrl, '--source', 'hekou')).stdout).toMatch(/rss\.xml: 2 read, 2 written/);
    await waitFor(async () => (await get(`${server.origin}/zh-CN`)).body.includes('河口新桥今晨通车'), 5000, 'the GBK item on /zh-CN');
    expect((await get(`${server.origin}/zh-CN/news/hekou/hekou-bridge`)).body).toContain('首班公交车七点整驶过桥面');

    // The desk corrects one title and takes one article down.
    const corrected = path.join(content, 'en/news/harbourwire/A-1002.en.md');
    writeFileSync(corrected, readFileSync(corrected, 'utf8').replace(/^title: .*$/m, 'title: "Ferry fares frozen for 2027, the desk confirms"'));
    rmSync(path.join(content, 'en/news/harbourwire/1001.en.md'));
    await waitFor(async () => (await get(`${server.origin}/en/news/harbourwire/1001`)).status === 410, 5000, 'the takedown answering 410 Gone');

    // (--source names the folder of every source of a run: one run each.)
    expect((await importer('tests/fixtures/import/upstream/harbourwire', '--update')).stdout).toMatch(
      /list\.json: 13 read, 0 written, 0 updated, .*1 deleted.*, 0 conflicts, 0 failed/,
    );
    expect((await importer(feedUrl, '--source', 'hekou', '--update')).stdout).toMatch(
      /rss\.xml: 2 read, 0 written, 0 updated, 2 skipped \(2 unchanged\), 0 conflicts, 0 failed/,
    );
    expect(existsSync(path.join(content, 'en/news/harbourwire/1001.en.md'))).toBe(false);
    expect((await get(`${server.origin}/en/news/harbourwire/1001`)).status).toBe(410);
    await waitFor(
      async () => (await get(`${server.origin}/en/news/harbourwire/A-1002`)).body.includes('Ferry fares frozen for 2027, the desk confirms'),
      5000,
      'the corrected title on its page',
    );
  } finally {
    await new Promise((resolve) => feed.close(resolve));
  }
});
