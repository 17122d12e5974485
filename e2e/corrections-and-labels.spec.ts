import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { get, waitFor } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * Issue 29's corrections and labels (items 1 and 3), on a production server of its own whose
 * copy of the demo content the last test edits, as an editor adding a correction would.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const PORT = Number(process.env.E2E_EDITORIAL_PORT ?? 3750);
let content: string;
let cacheDir: string;
let server: Started;

const ANALYSIS = '/en/news/markets/rate-path-analysis';
const OPINION = '/en/news/opinion/late-ferries';
const OPINION_FILE = 'en/news/opinion/late-ferries.en.md';
const SPONSORED = '/en/news/tech/cloud-backup-sponsored';
const ZH_CORRECTED = '/zh-CN/news/city/metro-line-trial';

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), `broadsheet-editorial-content-${PORT}`));
  cacheDir = path.join(tmpdir(), `broadsheet-editorial-cache-${PORT}`);
  rmSync(cacheDir, { recursive: true, force: true });
  server = await startNext({
    distDir: freshCopy('.next', '.next-editorial'),
    contentDir: content,
    host: '127.0.0.1',
    port: PORT,
    env: { BROADSHEET_CACHE_DIR: cacheDir },
  });
});

test.afterAll(async () => {
  await server?.stop();
  for (const folder of [content, cacheDir]) if (folder) rmSync(folder, { recursive: true, force: true });
});

const url = (pathname: string) => server.origin + pathname;

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as Record<string, unknown>;
}

/** The properties Google asks of an article's structured data, and schema.org's type for each. */
function expectArticleJsonLd(ld: Record<string, unknown>, type: string) {
  expect(ld['@context']).toBe('https://schema.org');
  expect(ld['@type']).toBe(type);
  expect(typeof ld.headline).toBe('string');
  for (const date of [ld.datePublished, ld.dateModified]) expect(Number.isNaN(Date.parse(String(date)))).toBe(false);
  expect((ld.author as { name?: string }).name).toBeTruthy();
  expect((ld.publisher as { '@type': string })['@type']).toBe('Organization');
  expect(Array.isArray(ld.image) && ld.image.length > 0).toBe(true);
}

const axeSerious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);

for (const javaScript of [true, false]) {
  test(`a corrected article: dated notice newest first, updated time, label, JSON-LD correction and dateModified (JavaScript ${javaScript ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await page.goto(url(ANALYSIS));
    const notice = page.getByRole('region', { name: 'Corrections' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Corrections');
    const items = notice.locator('li');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText('18 December');
    const times = await notice.locator('time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times[0]).toBe(Date.parse('2026-11-13T16:45:00+08:00'));
    // The updated time is the newest correction's (later than lastmod).
    const updated = page.locator('.post-header .meta-lastmod time');
    expect(Date.parse((await updated.getAttribute('datetime')) ?? '')).toBe(times[0]);
    await expect(page.locator('.post-header .article-label')).toHaveText('Analysis');

    const ld = await jsonLd(page);
    expectArticleJsonLd(ld, 'AnalysisNewsArticle');
    expect(Date.parse(String(ld.dateModified))).toBe(times[0]);
    const corrections = ld.correction as { '@type': string; text: string; datePublished: string }[];
    expect(corrections.map((c) => c['@type'])).toEqual(['CorrectionComment', 'CorrectionComment']);
    expect(corrections.map((c) => Date.parse(c.datePublished))).toEqual(times);
    expect(corrections[0]!.text).toContain('18 December');
    if (javaScript) expect(await axeSerious(page)).toEqual([]);
    await context.close();
  });
}

test('in Chinese: the notice and the label speak the language of the article', async ({ page }) => {
  await page.goto(url(ZH_CORRECTED));
  const notice = page.getByRole('region', { name: '更正' });
  await expect(notice.locator('li')).toHaveCount(2);
  await expect(notice.locator('li').first()).toContainText('一个月');
  await page.goto(url('/zh-HK/news/culture/opera-review'));
  await expect(page.locator('.post-header .article-label')).toHaveText('評論');
  expectArticleJsonLd(await jsonLd(page), 'ReviewNewsArticle');
});

test('lists show labels (none for news) and the updated time', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url('/en/categories/opinion'));
  const opinion = page.locator('.list-item', { has: page.locator(`a[href="${OPINION}"]`) });
  await expect(opinion.locator('.article-label')).toHaveText('Opinion');
  await page.goto(url('/en/categories/markets'));
  // Plain news carries no label.
  const news = page.locator('.list-item', { has: page.locator('a[href="/en/news/markets/coffee-prices"]') });
  await expect(news).toHaveCount(1);
  await expect(news.locator('.article-label')).toHaveCount(0);
  const analysis = page.locator('.list-item', { has: page.locator(`a[href="${ANALYSIS}"]`) });
  await expect(analysis.locator('.article-label')).toHaveText('Analysis');
  expect(Date.parse((await analysis.locator('.meta-lastmod time').getAttribute('datetime')) ?? '')).toBe(Date.parse('2026-11-13T16:45:00+08:00'));
  await context.close();
});

test('sponsored content: labelled, its outbound links rel="sponsored", AdvertiserContentArticle, out of the Google News sitemap, labelled in feeds', async ({
  page,
}) => {
  await page.goto(url(SPONSORED));
  await expect(page.locator('.post-header .article-label')).toHaveText('Sponsored');
  const rel = await page.locator('.post-content a[href="https://backup.example/offer"]').getAttribute('rel');
  expect(rel?.split(' ')).toContain('sponsored');
  expectArticleJsonLd(await jsonLd(page), 'AdvertiserContentArticle');
  expect(await axeSerious(page)).toEqual([]);

  // The Google News sitemap lists the last two days: a news article and a sponsored one written now.
  const now = new Date().toISOString();
  const fresh = (name: string, type: string) =>
    writeFileSync(path.join(content, `en/news/tech/${name}.en.md`), `---\ntitle: "${name}"\ndate: "${now}"\ntype: ${type}\n---\n\nText.\n`);
  fresh('fresh-sponsored', 'sponsored');
  fresh('fresh-news', 'news');
  await waitFor(async () => (await get(url('/sitemaps/news/en.xml'))).body.includes('/en/news/tech/fresh-news</loc>'), 30_000, 'the news sitemap');
  expect((await get(url('/en/news/tech/fresh-sponsored'))).status).toBe(200);
  expect((await get(url('/sitemaps/news/en.xml'))).body).not.toContain('fresh-sponsored');
  const sitemap = await get(url('/sitemaps/en-1.xml'));
  expect(sitemap.body).toContain('/en/corrections</loc>');

  const rss = (await get(url('/en/index.xml'))).body;
  const item = (slug: string) => rss.split('<item>').find((part) => part.includes(slug)) ?? '';
  expect(item('cloud-backup-sponsored')).toContain('<category>Sponsored</category>');
  expect(item('rate-path-analysis')).toContain('<category>Analysis</category>');
  expect(item('rate-path-analysis')).toContain('Corrected 2026-11-13 16:45: The bank');
  const atom = (await get(url('/en/atom.xml'))).body;
  const entry = atom.split('<entry>').find((part) => part.includes('rate-path-analysis')) ?? '';
  expect(entry).toContain('<updated>2026-11-13T08:45:00.000Z</updated>');
  const json = JSON.parse((await get(url('/en/feed.json'))).body) as { items: { url: string; date_modified: string; tags: string[] }[] };
  const analysis = json.items.find((i) => i.url.endsWith(ANALYSIS));
  expect(analysis).toMatchObject({ date_modified: '2026-11-13T08:45:00.000Z' });
  expect(analysis?.tags[0]).toBe('Analysis');
});

test('the corrections page: newest first by correction date, each linked to its article; an empty state; in the footer', async ({
  browser,
  page: withScript,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(url('/en'));
  expect(response?.status()).toBe(200);
  await page.locator('footer.site-footer').getByRole('link', { name: 'Corrections' }).click();
  await expect(page).toHaveURL(/\/en\/corrections$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corrections');
  const entries = page.locator('.corrections-page-list > li');
  await expect(entries).toHaveCount(2);
  const times = await entries.locator('time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));
  expect(times).toEqual([Date.parse('2026-11-13T16:45:00+08:00'), Date.parse('2026-11-12T10:30:00+08:00')]);
  await expect(entries.first().getByRole('link')).toHaveAttribute('href', `${ANALYSIS}#corrections`);
  await entries.first().getByRole('link').click();
  await expect(page.getByRole('region', { name: 'Corrections' })).toBeVisible();
  await context.close();

  await withScript.goto(url('/zh-CN/corrections'));
  await expect(withScript.locator('.corrections-page-list > li')).toHaveCount(2);
  await expect(withScript.locator('.corrections-page-list > li').first()).toContainText('一个月');
  expect(await axeSerious(withScript)).toEqual([]);

  const empty = await withScript.goto(url('/zh-HK/corrections'));
  expect(empty?.status()).toBe(200);
  await expect(withScript.locator('main .empty')).toHaveText('暫無更正。');
  expect(await axeSerious(withScript)).toEqual([]);
});

test('a correction added to an article refreshes it, its lists and the corrections page, and nothing else', async () => {
  const untouched = '/zh-HK/news/culture/dim-sum-festival';
  for (const pathname of [OPINION, '/en/corrections', '/en/categories/opinion', untouched]) await get(url(pathname));
  expect((await get(url(untouched))).headers['x-nextjs-cache']).toBe('HIT');
  expect((await get(url('/en/corrections'))).headers['x-nextjs-cache']).toBe('HIT');

  const file = path.join(content, OPINION_FILE);
  const text = readFileSync(file, 'utf8').replace(
    'type: opinion\n',
    'type: opinion\ncorrections:\n  - date: "2026-11-14 09:00:00"\n    text: "An earlier version said the boats run half empty after eleven; they run a third full."\n',
  );
  writeFileSync(file, text);
  const correction = 'they run a third full';
  const took = await waitFor(async () => (await get(url(OPINION))).body.includes(correction), 30_000, 'the corrected article');
  console.log(`[editorial] a correction shown on its article ${took} ms after it was written`);
  await waitFor(async () => (await get(url('/en/corrections'))).body.includes(correction), 30_000, 'the corrections page');
  const list = await get(url('/en/categories/opinion'));
  const item = list.body.split('class="list-item').find((part) => part.includes(OPINION)) ?? '';
  expect(item).toContain('2026-11-14T09:00:00+08:00');
  // A page in another language, not showing the article, was not rendered again.
  expect((await get(url(untouched))).headers['x-nextjs-cache']).toBe('HIT');
});
