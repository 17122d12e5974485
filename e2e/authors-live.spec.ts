import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { get } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * Author files on a running server (issue 29, item 2), on a production server of its own whose
 * copy of the demo content these tests edit as an editor would: an edited bio shows on the
 * author's page and on the articles showing it without a restart, and refreshes nothing else; a
 * new article by an author reaches their page; an author's articles are paginated like a term's.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const PORT = Number(process.env.E2E_AUTHORS_PORT ?? 3705);
/** How soon an editor's change is expected on a page (the live-content spec's bound is 5 s; twice that on a loaded machine). */
const WITHIN_MS = 10_000;
let content: string;
let server: Started;

function write(file: string, text: string): void {
  const target = path.join(content, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}

const story = (title: string, date: string, author: string) =>
  `---\ntitle: "${title}"\ndate: "${date}"\nauthor: ${author}\ncategories:\n  - "City"\n---\n\nA story for the author page.\n`;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), `broadsheet-authors-content-${PORT}`));
  server = await startNext({ distDir: freshCopy('.next', '.next-authors'), contentDir: content, host: '127.0.0.1', port: PORT });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
});

const cacheState = async (pathname: string) => (await get(server.origin + pathname)).headers['x-nextjs-cache'];

test('an edited bio shows on the author page and the articles that show it, without a restart, and refreshes nothing else', async ({ page }) => {
  const shows = ['/en/authors/mei-chan', '/en/news/city/council-budget-vote'];
  const untouched = '/en/news/culture/museum-reopens';
  // Cached first: each read twice, the second a hit.
  for (const pathname of [...shows, untouched]) {
    await get(server.origin + pathname);
    expect(await cacheState(pathname), pathname).toBe('HIT');
  }
  const file = path.join(content, 'authors/mei-chan.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('City reporter.', 'City editor since December.'));
  const written = Date.now();
  for (const pathname of shows) {
    await expect
      .poll(async () => (await get(server.origin + pathname)).body, { timeout: WITHIN_MS, message: pathname })
      .toContain('City editor since December.');
  }
  console.log(`[authors] an edited bio shown on the author page and article ${Date.now() - written} ms after it was written`);
  // An article that does not show her is still served from the cache.
  expect(await cacheState(untouched)).toBe('HIT');
  await page.goto(server.origin + '/en/news/city/council-budget-vote');
  await expect(page.locator('.author-box .author-bio').first()).toHaveText(/City editor since December\./);
});

test("a new article by an author reaches their page, newest first, and the byline's name follows the author file", async ({ page }) => {
  await page.goto(server.origin + '/en/authors/mei-chan');
  await expect(page.locator('.list-count')).toHaveText('2 articles');
  write('en/news/city/ferry-timetable.en.md', story('Ferry timetable changes from Monday', '2026-11-30 09:00:00', '"Mei Chan"'));
  await expect
    .poll(async () => (await get(`${server.origin}/en/authors/mei-chan`)).body, { timeout: WITHIN_MS })
    .toContain('Ferry timetable changes from Monday');
  await page.reload();
  await expect(page.locator('.list-count')).toHaveText('3 articles');
  await expect(page.locator('.list-item-title a').first()).toHaveText('Ferry timetable changes from Monday');

  // Renamed in her file: her page and her article show the new name.
  const file = path.join(content, 'authors/mei-chan.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('name: "Mei Chan"', 'name: "Mei Chan-Lau"'));
  await expect.poll(async () => (await get(`${server.origin}/en/news/city/ferry-timetable`)).body, { timeout: WITHIN_MS }).toContain('Mei Chan-Lau');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Mei Chan-Lau');
});

test("an author's articles are paginated like a term's: ten a page, 404 past the last", async ({ request }) => {
  for (let i = 0; i < 11; i++) {
    write(`en/news/city/desk-${i}.en.md`, story(`Desk note ${i}`, `2026-10-${String(i + 1).padStart(2, '0')} 08:00:00`, '"Sam Field"'));
  }
  await expect.poll(async () => (await request.get(`${server.origin}/en/authors/sam-field/page/2`)).status(), { timeout: WITHIN_MS }).toBe(200);
  const first = await (await request.get(`${server.origin}/en/authors/sam-field`)).text();
  expect(first.match(/class="list-item[ "]/g)).toHaveLength(10);
  expect(first).toContain('Desk note 10');
  const second = await (await request.get(`${server.origin}/en/authors/sam-field/page/2`)).text();
  expect(second.match(/class="list-item[ "]/g)).toHaveLength(1);
  expect(second).toContain('Desk note 0');
  expect((await request.get(`${server.origin}/en/authors/sam-field/page/3`)).status()).toBe(404);
  // Undescribed: the name as written, and no bio.
  expect(first).toContain('<h1 class="page-title author-name">Sam Field</h1>');
});
