import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, test } from '@playwright/test';
import { liveContentDir, livePort } from './support/liveContent';
import { testHost } from './support/origin';

/**
 * Editors' changes on a running production server: no rebuild, no restart, within 5 seconds.
 * These tests share one content folder, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

const base = `http://${testHost}:${livePort}`;
const BOUND_MS = 5000;

function write(relative: string, text: string) {
  const file = path.join(liveContentDir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** The demo's rail-strike article with another title, date, tag and text. */
function articleText(title: string, date: string, tag: string, body: string, extra = ''): string {
  const template = readFileSync(path.join('content/en/news/city/rail-strike-called-off.en.md'), 'utf8');
  return template
    .replace('Rail strike called off after overnight talks', title)
    .replace('2026-11-25 06:45:00', date)
    .replace('"labour"', `"${tag}"`)
    .replace('comments: false', `comments: false${extra}`)
    .replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}\n`);
}

/** The sidebar period of the live server (16 s: its pages refresh 8 to 16 s after a change), and the 5 s bound after it. */
const SIDEBAR_BOUND_MS = 16_000 + BOUND_MS;

/** Polls a page until it satisfies a check; returns how long that took. */
async function within(request: APIRequestContext, url: string, check: (status: number, html: string) => boolean, bound = BOUND_MS): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < bound) {
    const response = await request.get(base + url);
    const html = await response.text();
    if (check(response.status(), html)) return Date.now() - started;
    last = `${response.status()}`;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not change within ${bound} ms (last status ${last})`);
}

/** The results list of a search page (the recent widget beside it may name the same articles). */
const searchResults = (html: string) => /<ol class="search-results">[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';

const newFile = 'en/news/city/night-buses.en.md';
const newUrl = '/en/news/city/night-buses';
const title = 'Night buses return to the city centre';

test('a new file is served, and listed on the home, its term pages and the recent widget, within 5 s', async ({ request }) => {
  // Warm the cache first, so the test sees invalidation and not a first render.
  for (const url of ['/en', '/en/tags/night-life', '/en/news/culture/museum-reopens', newUrl]) await request.get(base + url);
  write(newFile, articleText(title, '2026-11-28 09:00:00', 'night life', 'Routes N1 to N9 run every twenty minutes.'));

  await within(request, newUrl, (status, html) => status === 200 && html.includes('Routes N1 to N9'));
  // A page the change did not touch is still served from the cache, as it was: its sidebar
  // (recent articles) catches up on the server's timer (BROADSHEET_SIDEBAR_REFRESH=16 here: 8 to
  // 16 s after the change).
  const unrelated = await request.get(`${base}/en/news/culture/museum-reopens`);
  expect(unrelated.headers()['x-nextjs-cache']).toBe('HIT');
  expect(await unrelated.text()).not.toContain(title);
  await within(request, '/en', (_, html) => html.includes(title));
  await within(request, '/en/categories/city', (_, html) => html.includes(title));
  await within(request, '/en/tags/night-life', (status, html) => status === 200 && html.includes(title));
  await within(request, '/en/news/culture/museum-reopens', (_, html) => html.includes(title), SIDEBAR_BOUND_MS);
  // Search finds it by a word of its body.
  await within(request, '/en/search?q=twenty', (_, html) => searchResults(html).includes(title));
});

test('an edited file shows its new text, and is searched by it, within 5 s', async ({ request }) => {
  write(newFile, articleText(title, '2026-11-28 09:00:00', 'night life', 'Routes N1 to N12 now run every fifteen minutes.'));
  await within(request, newUrl, (_, html) => html.includes('N1 to N12') && !html.includes('N1 to N9'));
  await within(request, '/en/search?q=fifteen', (_, html) => searchResults(html).includes(title));
  await within(request, '/en/search?q=twenty', (_, html) => searchResults(html) !== '' && !searchResults(html).includes(title));
});

test('a published article edited into broken YAML stays live as it last was, until it is fixed', async ({ request }) => {
  // The slip of issue 26: an unquoted colon and a stray bracket, saved over a live story.
  write(newFile, '---\ntitle: Night buses: new timetable [\ndate: "2026-11-28 09:00:00"\n---\n\nRoutes change tonight.\n');
  // A second file written after it shows when the watcher has read both.
  write('en/news/city/after-the-slip.en.md', articleText('After the slip', '2026-11-28 09:30:00', 'slips', 'Written after.'));
  await within(request, '/en/news/city/after-the-slip', (status) => status === 200);
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const held = await request.get(base + newUrl);
  expect(held.status()).toBe(200);
  const html = await held.text();
  expect(html).toContain('N1 to N12');
  expect(html).not.toContain('Routes change tonight');
  await within(request, '/en/search?q=fifteen', (_, page) => searchResults(page).includes(title));
  // Fixed, the new version replaces it.
  write(newFile, articleText(title, '2026-11-28 09:00:00', 'night life', 'Routes N1 to N12 now run every fifteen minutes, all night.'));
  await within(request, newUrl, (status, page) => status === 200 && page.includes('all night'));
  rmSync(path.join(liveContentDir, 'en/news/city/after-the-slip.en.md'));
});

test('a file with broken YAML is left out and takes no other page down', async ({ request }) => {
  write('en/news/city/broken.en.md', '---\ntitle: "Broken"\ndate: "2026-11-28 10:00:00"\ntags: [unclosed\n---\nText\n');
  await within(request, '/en/news/city/broken', (status) => status === 404);
  for (const url of ['/en', newUrl, '/en/tags/transport', '/en/news/city/harbour-bridge-reopens']) {
    expect((await request.get(base + url)).status(), url).toBe(200);
  }
  // Fixed, it appears.
  write('en/news/city/broken.en.md', articleText('Broken no more', '2026-11-28 10:00:00', 'repairs', 'Fixed.'));
  await within(request, '/en/news/city/broken', (status, html) => status === 200 && html.includes('Broken no more'));
});

test('a deleted file answers 410 Gone and leaves every list within 5 s', async ({ request }) => {
  rmSync(path.join(liveContentDir, newFile));
  await within(request, newUrl, (status, html) => status === 410 && html.includes('taken down'));
  expect((await request.get(base + newUrl)).headers()['cache-control']).toBe('no-store');
  await within(request, '/en', (_, html) => !html.includes(title));
  await within(request, '/en/tags/night-life', (status) => status === 404);
  // Its link leaves other pages' recent articles with their sidebars.
  await within(request, '/en/news/culture/museum-reopens', (_, html) => !html.includes(title), SIDEBAR_BOUND_MS);
  await within(request, '/en/search?q=fifteen', (_, html) => html.includes('Nothing matched'));
});

test("unpublish: true takes an article down (410), and a moved article's old URLs lead to it", async ({ request }) => {
  const file = 'en/news/city/ferry-fares.en.md';
  write(file, articleText('Ferry fares frozen', '2026-11-28 08:00:00', 'ferries', 'Fares stay as they are.'));
  await within(request, '/en/news/city/ferry-fares', (status) => status === 200);
  write(file, articleText('Ferry fares frozen', '2026-11-28 08:00:00', 'ferries', 'Fares stay as they are.', '\nunpublish: true'));
  await within(request, '/en/news/city/ferry-fares', (status) => status === 410);
  await within(request, '/en', (_, html) => !html.includes('Ferry fares frozen'));
  await within(request, '/en/search?q=fares', (_, html) => html.includes('Nothing matched'));

  // Moved: its new file names the old address (Hugo's aliases), and the old URL redirects there.
  rmSync(path.join(liveContentDir, file));
  write(
    'en/news/city/ferry-fares-2027.en.md',
    articleText('Ferry fares frozen until 2027', '2026-11-28 08:00:00', 'ferries', 'Fares stay.', '\naliases: ["/en/news/city/ferry-fares"]'),
  );
  await within(request, '/en/news/city/ferry-fares', (status) => status === 200, BOUND_MS);
  const moved = await request.get(`${base}/en/news/city/ferry-fares`, { maxRedirects: 0 });
  expect(moved.status()).toBe(308);
  expect(moved.headers().location).toMatch(/\/en\/news\/city\/ferry-fares-2027$/);
  rmSync(path.join(liveContentDir, 'en/news/city/ferry-fares-2027.en.md'));
});

test('a draft is never public in production', async ({ request }) => {
  write('en/news/city/secret-plan.en.md', articleText('Secret plan', '2026-11-28 11:00:00', 'drafts', 'Not yet.', '\ndraft: true'));
  // Give the watcher time to see it, then check it stayed hidden.
  await within(request, '/en/news/city/broken', (status) => status === 200);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await request.get(`${base}/en/news/city/secret-plan`)).status()).toBe(404);
  expect(await (await request.get(`${base}/en`)).text()).not.toContain('Secret plan');
  expect(await (await request.get(`${base}/en/search?q=secret`)).text()).toContain('Nothing matched');
});

test('an article dated in the future appears when its time comes', async ({ request }) => {
  // Four seconds from now, written as wall-clock time in the site's zone (Asia/Shanghai, UTC+8).
  const when = new Date(Date.now() + 4000 + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
  write('en/news/city/embargoed.en.md', articleText('Embargo lifts', when, 'embargo', 'Published on time.'));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await request.get(`${base}/en/news/city/embargoed`)).status()).toBe(404);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await within(request, '/en/news/city/embargoed', (status) => status === 200);
  await within(request, '/en', (_, html) => html.includes('Embargo lifts'));
});
