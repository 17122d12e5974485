import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { StartedVarnish } from '../bench/lib/varnish.mjs';
import { decoded, get } from './support/http';
import { freshCopy, type Started, startNext, startVarnish, varnishMissing } from './support/servers';

/**
 * The shipped Varnish cache (deploy/varnish/broadsheet.vcl on Debian's varnishd with vmod_xkey,
 * started as `npm run proxy` starts it) in front of the site, which purges it by tag
 * (BROADSHEET_PURGE): pages kept until a change touches them, then a correction, a takedown
 * (410), a new article on its home, its category and its feed, and a moved article's redirect
 * reach a reader who had the page cached within about a second (each time is logged; the bound
 * here only catches a purge that never comes). HTML and payloads kept apart; pages no change
 * touched are never asked of the site again (varnishstat's count of requests to it).
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });
const missing = varnishMissing();
test.skip(missing !== undefined, missing ?? '');

const SITE_PORT = Number(process.env.E2E_VARNISH_SITE_PORT ?? 3480);
const PROXY_PORT = Number(process.env.E2E_VARNISH_PORT ?? 3481);
/** Long enough to catch a purge that never comes; the times measured are logged. */
const PURGE_BOUND_MS = 10_000;

let content: string;
let site: Started;
let varnish: StartedVarnish;
let origin: string;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-varnish-content'));
  varnish = await startVarnish({ port: PROXY_PORT, upstream: `http://127.0.0.1:${SITE_PORT}` });
  origin = varnish.origin;
  site = await startNext({
    distDir: freshCopy('.next', '.next-varnish'),
    contentDir: content,
    host: '127.0.0.1',
    port: SITE_PORT,
    env: { BROADSHEET_PURGE: varnish.purgeSetting },
  });
});

test.afterAll(async () => {
  await site?.stop();
  await varnish?.stop();
  rmSync(content, { recursive: true, force: true });
});

/** Polls every 25 ms until `check` holds; returns how long it took. */
async function until(check: () => Promise<boolean>, what: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < PURGE_BOUND_MS) {
    if (await check().catch(() => false)) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what}: not within ${PURGE_BOUND_MS} ms\n${site.log().slice(-2000)}`);
}

/** Asks twice: the second answer is the cache's. */
async function cached(url: string) {
  await get(origin + url);
  const again = await get(origin + url);
  expect(again.headers['x-cache-status'], url).toBe('HIT');
  return again;
}

const file = (relative: string) => path.join(content, relative);
const retitle = (relative: string, title: string) =>
  writeFileSync(file(relative), readFileSync(file(relative), 'utf8').replace(/^title: .*$/m, `title: "${title}"`));

/** A payload request as the router makes it: Next.js first sends it to the URL with its `_rsc` marker. */
async function getPayload(url: string) {
  const first = await get(url, { RSC: '1' });
  return first.status === 307 && first.headers.location ? get(new URL(first.headers.location, url).href, { RSC: '1' }) : first;
}

test('keeps HTML and payloads apart, Brotli, gzip and plain apart, and serves each from the cache without the tags', async () => {
  const article = '/en/news/city/harbour-bridge-reopens';
  const html = await cached(article);
  expect(html.headers['content-type']).toContain('text/html');
  expect(html.headers.xkey).toBeUndefined();
  expect(html.headers['surrogate-key']).toBeUndefined();
  // The browser-facing Cache-Control stays the site's; Vary too.
  expect(html.headers['cache-control']).toMatch(/^public, s-maxage=\d+/);
  expect(html.headers.vary).toContain('rsc');
  await getPayload(origin + article);
  const rsc = await getPayload(origin + article);
  expect(rsc.headers['x-cache-status']).toBe('HIT');
  expect(rsc.headers['content-type']).toContain('text/x-component');
  expect(rsc.body.startsWith('<!DOCTYPE')).toBe(false);
  // Brotli (the site's) and gzip each stored once and served as stored, whatever else a client
  // lists; a client that takes neither gets the plain copy. All three are the same page.
  const plain = await get(origin + article);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body).toBe(html.body);
  for (const [accepts, encoding] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['deflate, gzip', 'gzip'],
  ] as const) {
    await get(origin + article, { 'Accept-Encoding': accepts });
    const again = await get(origin + article, { 'Accept-Encoding': accepts });
    expect(again.headers['x-cache-status'], accepts).toBe('HIT');
    expect(again.headers['content-encoding'], accepts).toBe(encoding);
    expect(decoded(again), accepts).toBe(plain.body);
  }
  // A query string other than `_rsc` is the same entry.
  expect((await get(`${origin}${article}?utm_source=feed`)).headers['x-cache-status']).toBe('HIT');
});

test('a reader navigating in the browser through Varnish gets pages, not payloads, and back', async ({ page }) => {
  const article = '/en/news/city/harbour-bridge-reopens';
  await page.goto(`${origin}/en`);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.locator(`a[href="${article}"]`).first().click();
  await expect(page).toHaveURL(`${origin}${article}`);
  await expect(page.locator('h1')).toContainText('Harbour bridge');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  const response = await page.goto(`${origin}${article}`);
  expect(response?.headers()['content-type']).toContain('text/html');
  await expect(page.locator('h1')).toContainText('Harbour bridge');
});

test('search and errors are never kept; pages are kept past the lifetime their Cache-Control gives', async () => {
  await get(`${origin}/en/search?q=bridge`);
  const search = await get(`${origin}/en/search?q=bridge`);
  expect(search.headers['cache-control']).toBe('private, no-store');
  expect(search.headers['x-cache-status']).not.toBe('HIT');
  await get(`${origin}/en/news/city/no-such-story`);
  const missingPage = await get(`${origin}/en/news/city/no-such-story`);
  expect(missingPage.status).toBe(404);
  expect(missingPage.headers['x-cache-status']).not.toBe('HIT');
  // Lists say s-maxage=2 to other caches; this one keeps them until purged.
  const list = await cached('/en/tags/transport');
  expect(list.headers['cache-control']).toMatch(/s-maxage=2\b/);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect((await get(`${origin}/en/tags/transport`)).headers['x-cache-status']).toBe('HIT');
});

test('a correction reaches a reader who had the article cached', async ({ page }) => {
  const url = '/en/news/culture/museum-reopens';
  await page.goto(origin + url);
  await cached(url);
  const title = 'Museum reopens with its east wing closed (corrected)';
  retitle('en/news/culture/museum-reopens.en.md', title);
  const ms = await until(async () => (await get(origin + url)).body.includes(title), 'the correction through Varnish');
  console.log(`correction through Varnish after ${ms} ms`);
  await page.reload();
  await expect(page.locator('h1')).toHaveText(title);
});

test('a deleted article answers 410 to a reader who had it cached, and leaves its lists at once; the 410 is kept until it is put back', async ({ page }) => {
  const url = '/en/news/markets/coffee-prices';
  const relative = 'en/news/markets/coffee-prices.en.md';
  const text = readFileSync(file(relative), 'utf8');
  const title = 'Coffee prices hit a record as harvest forecasts fall';
  const list = '/en/categories/markets';
  await page.goto(origin + url);
  await cached(url);
  expect((await cached(list)).body).toContain(title);
  unlinkSync(file(relative));
  const ms = await until(async () => (await get(origin + url)).status === 410, 'the 410 through Varnish');
  console.log(`deletion answered 410 through Varnish after ${ms} ms`);
  // The first reader of its list after the takedown, with nobody having asked for it since: a
  // list purged softly would be served once more as kept, title and all.
  expect((await get(origin + list)).body).not.toContain(title);
  const gone = await page.reload();
  expect(gone?.status()).toBe(410);
  expect((await get(origin + url)).headers['x-cache-status']).toBe('HIT');
  writeFileSync(file(relative), text);
  const back = await until(async () => (await get(origin + url)).status === 200, 'the article put back, through Varnish');
  console.log(`an article put back answered 200 through Varnish after ${back} ms`);
});

test('a new article is on its home, its category page and its feed; an untouched page is not asked of the site again', async () => {
  const untouched = '/en/news/science/heatwave-study';
  for (const url of ['/en', '/en/categories/city', '/en/index.xml', untouched]) await cached(url);
  const title = 'Lighthouse keepers return to the outer islands';
  const written = performance.now();
  const since = () => Math.round(performance.now() - written);
  writeFileSync(
    file('en/news/city/lighthouse-keepers.en.md'),
    `---\ntitle: "${title}"\ndate: "2026-12-01 08:00:00"\ncategories: ["City"]\ntags: ["transport"]\n---\n\nThree keepers.\n`,
  );
  await until(async () => (await get(`${origin}/en`)).body.includes(title), 'the new article on the home through Varnish');
  const home = since();
  await until(async () => (await get(`${origin}/en/categories/city`)).body.includes(title), 'the new article on its category page');
  const category = since();
  await until(async () => (await get(`${origin}/en/index.xml`)).body.includes(title), 'the new article in the feed');
  console.log(`new article through Varnish, after it was written: on the home ${home} ms, its category page ${category} ms, the feed ${since()} ms`);
  // The site's second purge of the change (after renders in flight settle) has gone too.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = varnish.backendRequests();
  for (let i = 0; i < 5; i++) {
    const answer = await get(origin + untouched);
    expect(answer.headers['x-cache-status']).toBe('HIT');
    expect(answer.body).not.toContain(title);
  }
  expect(varnish.backendRequests()).toBe(before);
});

test("an article taken down while among the newest leaves every page's recent articles at once", async () => {
  const title = 'Harbour pilots vote to strike at dawn';
  const relative = 'en/news/city/harbour-pilots.en.md';
  writeFileSync(file(relative), `---\ntitle: "${title}"\ndate: "2026-12-02 06:00:00"\ncategories: ["City"]\n---\n\nA vote.\n`);
  await until(async () => (await get(`${origin}/en`)).body.includes(title), 'the new article on the home through Varnish');
  // A page no other test asks for, neither its neighbour nor in its lists: rendered now, its
  // recent articles show the new one.
  const elsewhere = '/en/news/science/wind-farm-approved';
  expect((await cached(elsewhere)).body).toContain(title);
  unlinkSync(file(relative));
  await until(async () => (await get(`${origin}/en/news/city/harbour-pilots`)).status === 410, 'the 410 through Varnish');
  // Not at its next sidebar refresh (minutes away), nor once more from a kept copy.
  expect((await get(origin + elsewhere)).body).not.toContain(title);
});

test("a moved article's old URL redirects a reader who had it cached", async () => {
  const url = '/en/news/tech/startup-funding';
  await cached(url);
  writeFileSync(file('en/news/tech/startup-funding.en.md'), '---\ntitle: "Moved"\nredirect: "/en/news/tech/open-model-release"\n---\n');
  const ms = await until(async () => {
    const answer = await get(origin + url);
    return answer.status === 308 && answer.headers.location === '/en/news/tech/open-model-release';
  }, 'the redirect through Varnish');
  console.log(`redirect through Varnish after ${ms} ms`);
});
