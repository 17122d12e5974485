import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import Parser from 'rss-parser';

/**
 * Bylines and author pages (issue 29, item 2) on the demo content: content/authors/ describes
 * Mei Chan and Daniel Okafor; "Priya Raman" is named by an article and described nowhere. Runs
 * against the SQLite server and, in the `postgres` project, one that reads only the store.
 */

const jsonLd = async (page: Page) =>
  (await page.locator('script[type="application/ld+json"]').allTextContents()).map((text) => JSON.parse(text) as Record<string, unknown>);

test('an article names its authors in its byline, links their pages, and shows them in the author box', async ({ page }) => {
  await page.goto('/en/news/city/council-budget-vote');
  const byline = page.locator('.post-header .meta-byline');
  await expect(byline).toHaveText('By Mei Chan and Daniel Okafor');
  await expect(byline.getByRole('link', { name: 'Mei Chan' })).toHaveAttribute('href', '/en/authors/mei-chan');
  await expect(byline.getByRole('link', { name: 'Daniel Okafor' })).toHaveAttribute('href', '/en/authors/daniel-okafor');

  // authorbox: true shows the article's authors, not the site's.
  const box = page.getByRole('complementary', { name: 'About the author' });
  await expect(box.locator('.author-name')).toHaveText(['Mei Chan', 'Daniel Okafor']);
  await expect(box.locator('.author-bio').first()).toContainText('City reporter');
  await expect(box.locator('img.author-avatar').first()).toHaveAttribute('src', '/images/authors/mei-chan.svg');
  await expect(box.getByRole('link', { name: 'Newsletter' })).toHaveAttribute('href', 'https://example.org/mei-chan');
  await expect(page.locator('.author-box')).not.toContainText('The Broadsheet Desk');

  // JSON-LD: each author a Person with the URL of their page.
  const article = (await jsonLd(page)).find((data) => String(data['@type']).endsWith('Article') || data['@type'] === 'NewsArticle');
  expect(article).toBeDefined();
  const authors = article!.author as { '@type': string; name: string; url: string }[];
  expect(authors.map((a) => [a['@type'], a.name, new URL(a.url).pathname])).toEqual([
    ['Person', 'Mei Chan', '/en/authors/mei-chan'],
    ['Person', 'Daniel Okafor', '/en/authors/daniel-okafor'],
  ]);
  for (const required of ['headline', 'datePublished', 'image', 'publisher']) expect(article![required], required).toBeTruthy();
});

test('a byline written as an id shows the described name; one nobody described shows the name as written', async ({ page }) => {
  await page.goto('/en/news/city/rail-strike-called-off');
  await expect(page.locator('.post-header .meta-byline a')).toHaveText('Mei Chan');
  await page.goto('/en/news/markets/coffee-prices');
  await expect(page.locator('.post-header .meta-byline')).toHaveText('By Priya Raman');
  await page.goto('/en/authors/priya-raman');
  await expect(page.locator('h1')).toHaveText('Priya Raman');
  await expect(page.locator('.author-bio')).toHaveCount(0);
  await expect(page.locator('.list-item-title a')).toHaveText(['Coffee prices hit a record as harvest forecasts fall']);
});

test('bylines show in lists, and in Chinese with the Chinese label and bio', async ({ page }) => {
  await page.goto('/en/categories/city');
  const item = page.locator('.list-item', { hasText: 'Council passes a budget' });
  await expect(item.locator('.meta-byline')).toHaveText('By Mei Chan and Daniel Okafor');

  await page.goto('/zh-CN/news/city/harbour-bridge-reopens');
  await expect(page.locator('.post-header .meta-byline')).toHaveText('作者：Mei Chan');
  await page.locator('.post-header .meta-byline a').click();
  await expect(page).toHaveURL(/\/zh-CN\/authors\/mei-chan$/);
  await expect(page.locator('.author-bio')).toHaveText('城市记者，关注市议会、铁路，以及一切跨越港湾的事。');
  await expect(page.locator('.list-kind')).toHaveText('作者');

  await page.goto('/zh-HK/authors/mei-chan');
  await expect(page.locator('.author-bio')).toHaveText('城市記者，關注市議會、鐵路，以及一切跨越港灣的事。');
  await expect(page.locator('.list-item-title a')).toHaveText(['鐵路支線通車 來往新區只需十五分鐘']);
});

test("an author's page: name, photo, bio, links, articles newest first, a feed; 404 past its pages and for nobody", async ({ page, request }) => {
  await page.goto('/en/authors/mei-chan');
  await expect(page.locator('h1')).toHaveText('Mei Chan');
  await expect(page.locator('.author-header img.author-avatar')).toHaveAttribute('src', '/images/authors/mei-chan.svg');
  await expect(page.locator('.author-header .author-bio')).toContainText('City reporter');
  await expect(page.locator('.list-count')).toHaveText('2 articles');
  const times = await page.locator('.list-item time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));
  expect(times).toHaveLength(2);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  const profile = (await jsonLd(page)).find((data) => data['@type'] === 'ProfilePage');
  expect(profile?.mainEntity).toMatchObject({ '@type': 'Person', name: 'Mei Chan', sameAs: ['https://example.org/mei-chan'] });
  expect(new URL((profile?.mainEntity as { url: string }).url).pathname).toBe('/en/authors/mei-chan');
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', /\/en\/authors\/mei-chan\/index\.xml$/);

  for (const missing of ['/en/authors/mei-chan/page/2', '/en/authors/nobody-at-all', '/en/authors/mei-chan/page/0']) {
    expect((await request.get(missing)).status(), missing).toBe(404);
  }
  expect((await request.get('/en/authors/mei-chan/page/1', { maxRedirects: 0 })).status()).toBe(308);

  await page.goto('/en/authors');
  await expect(page.locator('.author-index a')).toHaveText(['Daniel Okafor', 'Mei Chan', 'Priya Raman']);
});

test("an author's feeds parse and name the author; the language's feeds carry bylines", async ({ request }) => {
  const parser = new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }]] } });
  const rss = await parser.parseString(await (await request.get('/en/authors/mei-chan/index.xml')).text());
  expect(rss.title).toContain('Mei Chan');
  expect(rss.items.map((item) => item.title)).toEqual([
    'Council passes a budget that doubles spending on libraries',
    'Rail strike called off after overnight talks',
  ]);
  expect((rss.items[0] as { creators?: string[] }).creators).toEqual(['Mei Chan', 'Daniel Okafor']);
  const atom = await (await request.get('/en/authors/mei-chan/atom.xml')).text();
  expect(atom).toMatch(/<author><name>Mei Chan<\/name><uri>[^<]*\/en\/authors\/mei-chan<\/uri><\/author>/);
  const json = (await (await request.get('/en/authors/mei-chan/feed.json')).json()) as { items: { authors: { name: string }[] }[] };
  expect(json.items[0]?.authors.map((a) => a.name)).toEqual(['Mei Chan', 'Daniel Okafor']);
  const language = await parser.parseString(await (await request.get('/en/index.xml')).text());
  expect(language.items.find((item) => item.title?.startsWith('Coffee prices'))).toMatchObject({ creators: ['Priya Raman'] });
  expect((await request.get('/en/authors/nobody-at-all/index.xml')).status()).toBe(404);
});

test('author pages are in the sitemap', async ({ request }) => {
  const sitemap = await (await request.get('/sitemaps/en-1.xml')).text();
  for (const path of ['/en/authors', '/en/authors/mei-chan', '/en/authors/daniel-okafor', '/en/authors/priya-raman']) {
    expect(sitemap).toMatch(new RegExp(`<loc>[^<]*${path}</loc>`));
  }
});

test('bylines and author pages read without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/news/city/council-budget-vote');
  await expect(page.locator('.post-header .meta-byline')).toHaveText('By Mei Chan and Daniel Okafor');
  await page.locator('.post-header .meta-byline a', { hasText: 'Daniel Okafor' }).click();
  await expect(page).toHaveURL(/\/en\/authors\/daniel-okafor$/);
  await expect(page.locator('.author-header .author-bio')).toContainText('Science and technology correspondent');
  await expect(page.locator('.list-item')).toHaveCount(3);
  await context.close();
});

for (const path of ['/en/authors/mei-chan', '/zh-HK/authors/mei-chan', '/en/authors', '/en/news/city/council-budget-vote']) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}
