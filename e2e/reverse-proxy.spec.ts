import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { get, waitFor } from './support/http';
import { freshCopy, hasNginx, nginxPath, type Started, startNext, startNginx } from './support/servers';

/**
 * The shipped nginx cache (deploy/nginx/broadsheet.conf, Debian's nginx-light) in front of the
 * site bound to 127.0.0.1: HTML and React Server Components payloads kept apart, the site's
 * Cache-Control honoured, 404s, 308s, feeds and search passed through, and a new article on its
 * home page through the cache within 5 s; no error kept, so a page missing a moment before is
 * served as soon as it is published.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });
test.skip(!hasNginx(), `no nginx at ${nginxPath} (CI installs Debian's nginx-light)`);

const SITE_PORT = 3220;
const PROXY_PORT = 3221;
let content: string;
let site: Started;
let proxy: Started;
let origin: string;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-proxy-content'));
  site = await startNext({ distDir: freshCopy('.next', '.next-proxy'), contentDir: content, host: '127.0.0.1', port: SITE_PORT });
  proxy = await startNginx({ port: PROXY_PORT, upstreamPort: SITE_PORT });
  origin = proxy.origin;
});

test.afterAll(async () => {
  await proxy?.stop();
  await site?.stop();
  rmSync(content, { recursive: true, force: true });
});

const article = '/en/news/city/harbour-bridge-reopens';

/** A payload request as the router makes it: Next.js first sends it to the URL with its `_rsc` marker. */
async function getPayload(url: string) {
  const first = await get(url, { RSC: '1' });
  return first.status === 307 && first.headers.location ? get(new URL(first.headers.location, url).href, { RSC: '1' }) : first;
}

test('keeps HTML and React Server Components payloads apart, and serves both from the cache', async () => {
  const html = await get(origin + article);
  expect(html.headers['content-type']).toContain('text/html');
  const rsc = await getPayload(origin + article);
  expect(rsc.status).toBe(200);
  expect(rsc.headers['content-type']).toContain('text/x-component');
  expect(rsc.body.startsWith('<!DOCTYPE')).toBe(false);
  // Each is a hit the second time, and neither has taken the other's place.
  const htmlAgain = await get(origin + article);
  expect(htmlAgain.headers['x-cache-status']).toBe('HIT');
  expect(htmlAgain.body).toBe(html.body);
  const rscAgain = await getPayload(origin + article);
  expect(rscAgain.headers['x-cache-status']).toBe('HIT');
  expect(rscAgain.headers['content-type']).toContain('text/x-component');
});

test('a reader navigating in the browser through the cache gets pages, not payloads, and back', async ({ page }) => {
  await page.goto(`${origin}/en`);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.locator(`a[href="${article}"]`).first().click();
  await expect(page).toHaveURL(`${origin}${article}`);
  await expect(page.locator('h1')).toContainText('Harbour bridge');
  // A client-side navigation: the document was not reloaded.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // Loading the URL afresh gets HTML from the cache, not the payload the navigation used.
  const response = await page.goto(`${origin}${article}`);
  expect(response?.headers()['content-type']).toContain('text/html');
  await expect(page.locator('h1')).toContainText('Harbour bridge');
});

test("honours the site's Cache-Control: search is never cached, pages are", async () => {
  await get(`${origin}/en/search?q=bridge`);
  const search = await get(`${origin}/en/search?q=bridge`);
  expect(search.status).toBe(200);
  expect(search.headers['cache-control']).toBe('private, no-store');
  expect(search.headers['x-cache-status']).not.toBe('HIT');
  await get(`${origin}/en/tags/transport`);
  expect((await get(`${origin}/en/tags/transport`)).headers['x-cache-status']).toBe('HIT');
});

test('passes 404s, redirects and feeds through', async () => {
  const missing = await get(`${origin}/en/news/city/no-such-story`);
  expect(missing.status).toBe(404);
  expect(missing.body).toContain('<h1 class="page-title">Page not found</h1>');
  const redirect = await get(`${origin}/news/city/harbour-bridge-reopens/`);
  expect(redirect.status).toBe(308);
  expect(redirect.headers.location).toBe(article);
  const feed = await get(`${origin}/en/index.xml`);
  expect(feed.status).toBe(200);
  expect(feed.headers['content-type']).toContain('application/rss+xml');
  expect(feed.body).toContain('<rss');
});

test('a new article is on its home page through the cache within 5 s; an unrelated page stays cached', async () => {
  await get(`${origin}/en/news/culture/museum-reopens`);
  // An entry left stale by the tests before is refreshed in the background: wait for the fresh one.
  await waitFor(async () => (await get(`${origin}/en`)).headers['x-cache-status'] === 'HIT', 5000, '/en cached by nginx');
  const title = 'Lighthouse keepers return to the outer islands';
  writeFileSync(
    path.join(content, 'en/news/city/lighthouse-keepers.en.md'),
    `---\ntitle: "${title}"\ndate: "2026-11-29 18:00:00"\ncategories: ["City"]\ntags: ["transport"]\n---\n\nThree keepers.\n`,
  );
  const ms = await waitFor(async () => (await get(`${origin}/en`)).body.includes(title), 5000, 'the new article on the home page through nginx');
  console.log(`new article on the home page through nginx after ${ms} ms`);
  const unrelated = await get(`${origin}/en/news/culture/museum-reopens`);
  expect(unrelated.headers['x-cache-status']).toBe('HIT');
  expect(unrelated.body).not.toContain(title);
});

test('a missing page is never kept: published a moment later, it is served through the cache within 5 s', async () => {
  const url = `${origin}/en/news/city/night-ferry-returns`;
  const missing = await get(url);
  expect(missing.status).toBe(404);
  expect(missing.headers['cache-control']).toBe('no-store');
  expect((await get(url)).headers['x-cache-status']).toBe('MISS');
  // Next.js's own 404 outside the pages says `s-maxage=31536000`: nginx keeps it no more.
  await get(`${origin}/images/no-such-picture.png`);
  const picture = await get(`${origin}/images/no-such-picture.png`);
  expect(picture.status).toBe(404);
  expect(picture.headers['x-cache-status']).toBe('MISS');
  writeFileSync(
    path.join(content, 'en/news/city/night-ferry-returns.en.md'),
    `---\ntitle: "Night ferry returns"\ndate: "2026-11-28 18:00:00"\ncategories: ["City"]\n---\n\nBack on the water.\n`,
  );
  const ms = await waitFor(async () => (await get(url)).status === 200, 5000, 'the published article through nginx');
  console.log(`a page missing a moment before was served through nginx ${ms} ms after it was published`);
  expect((await get(url)).headers['x-cache-status']).toBe('HIT');
});
