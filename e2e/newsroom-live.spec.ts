import { appendFileSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { get } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * Issue 29's live coverage, schedules and breaking news, on a production server of its own whose
 * copy of the demo content these tests edit, as an editor would.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const PORT = Number(process.env.E2E_NEWSROOM_PORT ?? 3560);
/** The issue's bound for a reader with a live page open. */
const LIVE_WITHIN_MS = 10_000;
let content: string;
let server: Started;

const LIVE_FILE = 'en/news/weather/storm-live.en.md';
const LIVE_PATH = '/en/news/weather/storm-live';

function write(file: string, text: string): void {
  const target = path.join(content, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}

const article = (title: string, fields: Record<string, string>, body: string) =>
  `---\ntitle: "${title}"\n${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')}\ncategories:\n  - "City"\n---\n\n${body}\n`;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), `broadsheet-newsroom-content-${PORT}`));
  server = await startNext({ distDir: freshCopy('.next', '.next-newsroom'), contentDir: content, host: '127.0.0.1', port: PORT });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
});

const entryTimes = (page: Page) =>
  page.locator('#live-entries .live-entry time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));

test('a live page: entries newest first, a Live badge here and in lists, LiveBlogPosting JSON-LD; a new entry reaches an open page within 10 s without a reload', async ({
  page,
}) => {
  await page.goto(server.origin + LIVE_PATH);
  await expect(page.locator('.post-header .live-badge')).toHaveText('Live');
  const times = await entryTimes(page);
  expect(times.length).toBe(5);
  expect([...times].sort((a, b) => b - a)).toEqual(times);

  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
  expect(ld['@type']).toBe('LiveBlogPosting');
  expect(Date.parse(ld.coverageStartTime)).toBeLessThanOrEqual(Math.min(...times));
  expect(ld.coverageEndTime).toBeUndefined();
  expect(ld.liveBlogUpdate).toHaveLength(5);
  for (const update of ld.liveBlogUpdate) {
    expect(update['@type']).toBe('BlogPosting');
    expect(update.headline).toBeTruthy();
    expect(Number.isNaN(Date.parse(update.datePublished))).toBe(false);
  }
  expect(ld.liveBlogUpdate[0].headline).toBe('Power back in most districts');

  // Caches in front keep it as briefly as a list (sharedCache.lists), an ordinary article 300 s.
  expect((await get(server.origin + LIVE_PATH)).headers['cache-control']).toBe('public, s-maxage=2');
  expect((await get(`${server.origin}/en/news/city/harbour-bridge-reopens`)).headers['cache-control']).toContain('s-maxage=300');

  // A mark that a reload would lose.
  await page.evaluate(() => ((window as unknown as { stayed: string }).stayed = 'here'));
  appendFileSync(path.join(content, LIVE_FILE), '\n## 23:55 Ferries resume at dawn\n\nThe first crossing leaves at six tomorrow.\n');
  const written = Date.now();
  await expect(page.locator('#live-entries .live-entry').first().locator('.live-entry-headline')).toHaveText('Ferries resume at dawn', {
    timeout: LIVE_WITHIN_MS,
  });
  console.log(`[newsroom] a new entry shown on an open page ${Date.now() - written} ms after it was written`);
  expect(await page.evaluate(() => (window as unknown as { stayed?: string }).stayed)).toBe('here');
  expect(await entryTimes(page)).toHaveLength(6);

  // Its lists show the badge; the feed names it live.
  await page.goto(`${server.origin}/en/categories/weather`);
  await expect(page.locator('.list-item h2 .live-badge')).toHaveText('Live');
  const feed = await get(`${server.origin}/en/index.xml`);
  expect(feed.body).toContain('<title>Live: Storm Alder');

  // Coverage ends: no badge, a line that says so, coverageEndTime.
  const file = path.join(content, LIVE_FILE);
  writeFileSync(file, readFileSync(file, 'utf8').replace('live: true', 'live: false'));
  await expect(async () => {
    await page.goto(server.origin + LIVE_PATH);
    await expect(page.locator('.live-ended')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator('.live-badge')).toHaveCount(0);
  const ended = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
  expect(ended.coverageEndTime).toBeTruthy();
});

test('with JavaScript off a live page shows its entries newest first, and the breaking line keeps its room', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.origin + LIVE_PATH);
  const times = await entryTimes(page);
  expect(times.length).toBeGreaterThanOrEqual(5);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  await expect(page.locator('#live-entries .live-entry').first()).toBeVisible();
  const frame = page.locator('iframe.breaking-frame');
  expect((await frame.boundingBox())?.height).toBeGreaterThan(20);
  await expect(page.frameLocator('iframe.breaking-frame').locator('.breaking a')).toHaveText(/Storm Alder/);
  await context.close();
});

/** Whether each place shows the article: list, feed, sitemap, search, its own URL's status. */
async function places(slug: string, word: string): Promise<{ list: boolean; feed: boolean; sitemap: boolean; search: boolean; status: number }> {
  const [list, feed, sitemap, search, own] = await Promise.all([
    get(`${server.origin}/en/categories/city`),
    get(`${server.origin}/en/index.xml`),
    get(`${server.origin}/sitemaps/en-1.xml`),
    get(`${server.origin}/en/search?q=${word}`),
    get(`${server.origin}/en/news/city/${slug}`),
  ]);
  const href = `/en/news/city/${slug}`;
  return {
    list: list.body.includes(href),
    feed: feed.body.includes(href),
    sitemap: sitemap.body.includes(href),
    search: search.body.includes(href),
    status: own.status,
  };
}

test('publishDate and expiryDate take effect at their moment, with no restart: lists, feed, sitemap, search and the URL (410 once expired)', async () => {
  const moment = new Date(Date.now() + 15_000);
  const iso = moment.toISOString();
  write(
    'en/news/city/embargoed-budget.en.md',
    article('Embargoed budget figures', { date: '"2026-11-28 09:00:00"', publishDate: `"${iso}"` }, 'Zanzibarite figures under embargo.'),
  );
  write(
    'en/news/city/closing-notice.en.md',
    article('Closing notice', { date: '"2026-11-28 08:00:00"', expiryDate: `"${iso}"` }, 'Quokkaberry notice until it expires.'),
  );
  // Published at once (the list page a moment after the article: its refresh follows the store's change).
  const shown = { list: true, feed: true, sitemap: true, search: true, status: 200 };
  const hidden = (status: number) => ({ list: false, feed: false, sitemap: false, search: false, status });
  await expect(async () => expect(await places('closing-notice', 'quokkaberry')).toEqual(shown)).toPass({ timeout: 10_000 });
  expect(Date.now()).toBeLessThan(moment.getTime());
  expect(await places('embargoed-budget', 'zanzibarite')).toEqual(hidden(404));

  await expect(async () => expect(await places('embargoed-budget', 'zanzibarite')).toEqual(shown)).toPass({ timeout: 30_000 });
  console.log(`[newsroom] published everywhere ${Date.now() - moment.getTime()} ms after its publishDate`);
  await expect(async () => expect(await places('closing-notice', 'quokkaberry')).toEqual(hidden(410))).toPass({ timeout: 30_000 });
  console.log(`[newsroom] taken down everywhere ${Date.now() - moment.getTime()} ms after its expiryDate`);
});

test('a breaking line appears atop every page of its language at once, and goes when it is removed', async ({ page }) => {
  const pages = ['/en', '/en/news/city/harbour-bridge-reopens', '/en/tags/transport'];
  const line = (p: Page) => p.frameLocator('iframe.breaking-frame').locator('.breaking a');
  // Pages cached before the line is put up.
  for (const url of pages) await page.goto(server.origin + url);
  write(
    'en/news/city/bridge-closed.en.md',
    article('Harbour bridge closed', { date: '"2026-11-29 07:00:00"', breaking: '"Harbour bridge closed after a collision"' }, 'Both directions are closed.'),
  );
  for (const url of pages) {
    await expect(async () => {
      await page.goto(server.origin + url);
      await expect(line(page)).toHaveText('Harbour bridge closed after a collision', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(line(page)).toHaveAttribute('href', '/en/news/city/bridge-closed');
  }
  // Other languages keep their own line.
  await page.goto(`${server.origin}/zh-HK`);
  await expect(line(page)).toHaveText('天文台考慮改發八號風球');

  unlinkSync(path.join(content, 'en/news/city/bridge-closed.en.md'));
  for (const url of pages) {
    await expect(async () => {
      await page.goto(server.origin + url);
      await expect(line(page)).not.toHaveText('Harbour bridge closed after a collision', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
  }
});
