import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { get, waitFor } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * What readers and publishers of a news site expect, on a server of its own whose content the
 * test writes: typographic punctuation, the Google News sitemaps, related articles, the phone
 * header. Pages are read with JavaScript off: each of these is server-rendered.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const PORT = 3280;
const BASE = 'http://localhost:3000'; // site.config.ts baseUrl
const HOUR = 3600_000;
const xml = new XMLParser({ ignoreAttributes: false });
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
let content: string;
let server: Started;
let origin: string;

/** Front matter dates in UTC, which the site reads with their zone. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function write(file: string, fields: Record<string, string | boolean>, body: string): void {
  const target = path.join(content, file);
  mkdirSync(path.dirname(target), { recursive: true });
  const front = Object.entries(fields)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n');
  writeFileSync(target, `---\n${front}\n---\n\n${body}\n`);
}

const now = Date.now();

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-essentials-content'));
  // Typography, in English and Chinese.
  write(
    'en/news/essentials/quotes.en.md',
    {
      title: `"Harbour" pilots' strike -- day two...`,
      date: iso(now - 5 * HOUR),
      summary: `Pilots say it's "not over" -- yet.`,
      lead: `The port's "busiest" week...`,
    },
    [
      `The union said "we're ready to talk" -- but not today... See [the union's "statement"](https://example.org/a--b...?q="x").`,
      '',
      'Run `grep "strike" -- it\'s...` to search.',
      '',
      '```',
      'echo "pilots" -- don\'t...',
      '```',
      '',
      'Its site is https://example.org/strike--news... for now.',
      '',
      '<span title="a -- \'b\'...">Raw "HTML" text</span>',
    ].join('\n'),
  );
  write(
    'zh-CN/news/essentials/quotes.zh-CN.md',
    { title: '港口"领航员"罢工...第二天', date: iso(now - 5 * HOUR) },
    '工会表示："我们准备好谈判了"。美联储"鹰派"立场不变--市场平静。',
  );
  write('en/news/essentials/math.en.md', { title: 'Tide tables', date: iso(now - 60 * HOUR), mathjax: true }, `The "height" is $h'(t) = "a" -- b...$ at noon.`);

  // Related articles: a cluster about the lighthouse, one unrelated, one in another language.
  const related = (slug: string, title: string, hoursAgo: number, summary = '') =>
    write(`en/news/lighthouse/${slug}.en.md`, { title, date: iso(now - 100 * HOUR - hoursAgo * HOUR), summary }, `${title}.`);
  related('keeper-retires', 'Harbour lighthouse keeper retires after forty years', 0, 'The keeper of the north harbour lighthouse hands over the lamp.');
  related('keeper-honoured', 'North harbour lighthouse keeper honoured by the city', 5);
  related('new-paint', 'North harbour lighthouse gets a fresh coat of paint', 4);
  related('cottage-older', 'Lighthouse keeper cottage opens to visitors', 9);
  related('cottage-newer', 'Lighthouse keeper cottage welcomes schools', 8);
  related('ferry', 'Ferry timetable changes on Monday', 2);
  write(
    'zh-CN/news/lighthouse/keeper-retires.zh-CN.md',
    { title: 'Harbour lighthouse keeper retires after forty years', date: iso(now - 100 * HOUR) },
    '灯塔。',
  );

  // The news sitemap: 1,005 articles of the last two days (more than the protocol's 1,000),
  // and one of three days ago.
  for (let i = 0; i < 1005; i++) {
    write(`en/news/wire/bulletin-${i}.en.md`, { title: `Wire bulletin number ${i} & more`, date: iso(now - 6 * HOUR - i * 60_000) }, 'Bulletin.');
  }
  write('en/news/wire/three-days-old.en.md', { title: 'Three days old', date: iso(now - 72 * HOUR) }, 'Old.');

  rmSync('.next-essentials', { recursive: true, force: true });
  server = await startNext({ distDir: freshCopy('.next', '.next-essentials'), contentDir: content, host: '127.0.0.1', port: PORT });
  origin = server.origin;
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
  rmSync('.next-essentials', { recursive: true, force: true });
});

async function readWithoutJavaScript(page: Page, url: string): Promise<void> {
  await page.goto(origin + url);
}
test.use({ javaScriptEnabled: false });

test('typographic punctuation in titles, summaries, leads and bodies, never in code, addresses, raw HTML or math', async ({ page }) => {
  await readWithoutJavaScript(page, '/en/news/essentials/quotes');
  await expect(page.locator('h1.post-title')).toHaveText('“Harbour” pilots’ strike – day two…');
  await expect(page.locator('.lead')).toHaveText('The port’s “busiest” week…');
  const body = page.locator('.post-content');
  await expect(body.locator('p').first()).toContainText('The union said “we’re ready to talk” – but not today… See the union’s “statement”.');
  await expect(body.locator('a[href*="example.org/a--b"]')).toHaveAttribute('href', 'https://example.org/a--b...?q=%22x%22');
  await expect(body.locator('p code')).toHaveText(`grep "strike" -- it's...`);
  await expect(body.locator('pre code')).toHaveText(`echo "pilots" -- don't...`);
  await expect(body.getByRole('link', { name: 'https://example.org/strike--news', exact: true })).toBeVisible();
  await expect(body.locator('span[title]')).toHaveAttribute('title', `a -- 'b'...`);
  // The text inside inline HTML is text, as Hugo set it; the attribute is not.
  await expect(body.locator('span[title]')).toHaveText('Raw “HTML” text');
  // The title in <title>, and the summary where lists show it.
  expect(await page.title()).toContain('“Harbour” pilots’ strike – day two…');
  await readWithoutJavaScript(page, '/en');
  await expect(page.locator('.list-item', { hasText: 'pilots’ strike' }).first()).toContainText('Pilots say it’s “not over” – yet.');

  await readWithoutJavaScript(page, '/zh-CN/news/essentials/quotes');
  await expect(page.locator('h1.post-title')).toHaveText('港口"领航员"罢工…第二天');
  await expect(page.locator('.post-content')).toContainText('工会表示：“我们准备好谈判了”。美联储"鹰派"立场不变–市场平静。');

  await readWithoutJavaScript(page, '/en/news/essentials/math');
  await expect(page.locator('.post-content p')).toContainText('The “height” is');
  await expect(page.locator('.post-content annotation')).toHaveText(`h'(t) = "a" -- b...`);
});

test('each language has a Google News sitemap: the last 48 hours, at most 1,000, in the index and robots.txt', async () => {
  const index = xml.parse((await get(`${origin}/sitemap.xml`)).body);
  const locs = asList(index.sitemapindex.sitemap as { loc: string }[]).map((entry) => entry.loc);
  for (const lang of ['en', 'zh-CN', 'zh-HK']) expect(locs).toContain(`${BASE}/sitemaps/news/${lang}.xml`);
  const robots = (await get(`${origin}/robots.txt`)).body;
  for (const lang of ['en', 'zh-CN', 'zh-HK']) expect(robots).toContain(`Sitemap: ${BASE}/sitemaps/news/${lang}.xml`);

  const read = async (lang: string) => {
    const answer = await get(`${origin}/sitemaps/news/${lang}.xml`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/xml');
    const set = xml.parse(answer.body).urlset;
    expect(set['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(set['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    return asList(
      set.url as {
        loc: string;
        'news:news': { 'news:publication': { 'news:name': string; 'news:language': string }; 'news:publication_date': string; 'news:title': string };
      }[],
    );
  };
  const checked = Date.now();
  const en = await read('en');
  expect(en.length).toBe(1000);
  const dates = en.map((url) => url['news:news']['news:publication_date']);
  for (const date of dates) {
    // W3C Datetime, with its zone, within the last 48 hours.
    expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(checked - Date.parse(date)).toBeLessThanOrEqual(48 * HOUR);
  }
  expect([...dates].sort().reverse()).toEqual(dates);
  const first = en[0]!;
  expect(first['news:news']['news:publication']).toEqual({ 'news:name': 'Broadsheet', 'news:language': 'en' });
  expect(first.loc).toBe(`${BASE}/en/news/essentials/quotes`);
  expect(first['news:news']['news:title']).toBe('“Harbour” pilots’ strike – day two…');
  expect(en.some((url) => url['news:news']['news:title'] === 'Wire bulletin number 0 & more')).toBe(true);
  expect(en.some((url) => url.loc.endsWith('/three-days-old') || url.loc.endsWith('/math'))).toBe(false);
  // The 1,000 newest: the five oldest bulletins are left out.
  expect(en.some((url) => url.loc.endsWith('/bulletin-1004'))).toBe(false);

  const zh = await read('zh-CN');
  expect(zh.map((url) => url.loc)).toEqual([`${BASE}/zh-CN/news/essentials/quotes`]);
  expect(zh[0]!['news:news']['news:publication']['news:language']).toBe('zh-cn');
  expect(await read('zh-HK')).toEqual([]);
  expect((await get(`${origin}/sitemaps/news/fr.xml`)).status).toBe(404);

  // A new article is in it as soon as the site has it.
  write('zh-HK/news/essentials/breaking.zh-HK.md', { title: '突發新聞', date: iso(Date.now() - 60_000) }, '內容。');
  const ms = await waitFor(async () => (await read('zh-HK')).length === 1, 5000, 'the new article in the zh-HK news sitemap');
  const [hk] = await read('zh-HK');
  expect(hk!['news:news']['news:publication']['news:language']).toBe('zh-tw');
  console.log(`new article in the news sitemap after ${ms} ms`);
});

test('an article lists the articles that share the most with it, newer first among equals, never itself or another language', async ({ page }) => {
  await readWithoutJavaScript(page, '/en/news/lighthouse/keeper-retires');
  const related = page.locator('section.related');
  await expect(related.getByRole('heading', { name: 'Related articles' })).toBeVisible();
  const links = related.locator('li a');
  const titles = await links.allTextContents();
  expect(titles).toEqual([
    // Four terms in common (north, harbour, lighthouse, keeper), then three, then two each, newer first.
    'North harbour lighthouse keeper honoured by the city',
    'North harbour lighthouse gets a fresh coat of paint',
    'Lighthouse keeper cottage welcomes schools',
    'Lighthouse keeper cottage opens to visitors',
  ]);
  expect(await links.first().getAttribute('href')).toBe('/en/news/lighthouse/keeper-honoured');
  await expect(related.locator('li time').first()).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  // The unrelated one has nothing to share, and a lone article shows no empty section.
  await readWithoutJavaScript(page, '/en/news/lighthouse/ferry');
  await expect(page.locator('section.related')).toHaveCount(0);
  await readWithoutJavaScript(page, '/zh-CN/news/lighthouse/keeper-retires');
  await expect(page.locator('section.related')).toHaveCount(0);
});

test.describe('at phone width', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the header gives the site title room at the top, as Mainroad does', async ({ page }) => {
    await readWithoutJavaScript(page, '/en/news/lighthouse/keeper-retires');
    const title = (await page.locator('.logo-title').boundingBox())!;
    const header = (await page.locator('.header-inner').boundingBox())!;
    const subtitle = (await page.locator('.logo-subtitle').boundingBox())!;
    // Mainroad's phone header: about 25 px above the title, 20 px below the subtitle.
    expect(title.y).toBeGreaterThanOrEqual(20);
    expect(header.y + header.height - (subtitle.y + subtitle.height)).toBeGreaterThanOrEqual(15);
    await page.screenshot({ path: 'e2e/screenshots/header-phone.png', clip: { x: 0, y: 0, width: 390, height: 240 } });
  });
});
