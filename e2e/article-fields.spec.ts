import { expect, test } from '@playwright/test';
import { isTestServer } from './support/origin';

test('toc: true lists h2 and h3 headings with anchors that scroll to them', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  const toc = page.locator('nav.toc');
  await expect(toc.locator('a')).toHaveText(['What changed', 'Who benefits']);
  await toc.getByRole('link', { name: 'Who benefits' }).click();
  await expect(page).toHaveURL(/#who-benefits$/);
  await expect(page.locator('h2#who-benefits')).toBeInViewport();
});

test('a page without toc: true has no table of contents', async ({ page }) => {
  await page.goto('/en/news/city/council-budget-vote');
  await expect(page.locator('nav.toc')).toHaveCount(0);
});

test('mathjax: true renders math on the server, with no script and the stylesheet from this site', async ({ page, request }) => {
  const html = await (await request.get('/en/news/science/heatwave-study')).text();
  expect(html).toContain('class="katex-display"');
  expect(html).toContain('<math');
  expect(html).toContain('href="/vendor/katex/katex.min.css"');
  expect(html).not.toMatch(/katex[^"]*\.js/);

  const external: string[] = [];
  page.on('request', (r) => {
    if (!isTestServer(r.url())) external.push(r.url());
  });
  await page.goto('/en/news/science/heatwave-study');
  await expect(page.locator('.katex-display').first()).toBeVisible();
  // The KaTeX stylesheet applies: its fonts are loaded from this site.
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  expect(external).toEqual([]);
});

test('articles without math get no KaTeX stylesheet', async ({ request }) => {
  expect(await (await request.get('/en/news/city/council-budget-vote')).text()).not.toContain('katex');
});

test('authorbox: true shows the configured author after the article', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  const box = page.locator('.author-box');
  await expect(box.locator('.author-name')).toHaveText('The Broadsheet Desk');
  await expect(box.locator('.author-bio')).toContainText('Editors who turn');
  await page.goto('/zh-HK/news/city/harbour-bridge-reopens');
  await expect(page.locator('.author-box')).toHaveCount(0);
});

test('translations link the same article in the languages where it exists', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  const links = page.locator('.post-header .meta-translations a');
  await expect(links).toHaveText(['中文简体', '中文繁體']);
  await links.first().click();
  await expect(page).toHaveURL(/\/zh-CN\/news\/city\/harbour-bridge-reopens$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('.post-header .meta-translations a')).toHaveText(['English', '中文繁體']);
  // An article that names no translations links none.
  await page.goto('/en/news/city/council-budget-vote');
  await expect(page.locator('.meta-translations')).toHaveCount(0);
});

test("dates use each language's format, in the site time zone", async ({ page }) => {
  await page.goto('/zh-CN/news/city/harbour-bridge-reopens');
  const time = page.locator('.post-header time');
  await expect(time).toHaveText('2026年11月27日 08:30');
  await expect(time).toHaveAttribute('datetime', '2026-11-27T08:30:00+08:00');
});

test('post meta shows the configured items in the configured order', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  const order = await page.locator('.post-header .post-meta > .meta-item').evaluateAll((nodes) => nodes.map((n) => n.className.replace('meta-item ', '')));
  expect(order).toEqual(['meta-date', 'meta-categories', 'meta-translations']);
});

test('"Read more" under each list entry leads to the article', async ({ page }) => {
  await page.goto('/en');
  const links = page.locator('.article-list .read-more a');
  await expect(links).toHaveCount(10);
  await expect(links.nth(1)).toHaveAccessibleName('Read more: Council passes a budget that doubles spending on libraries');
  await links.nth(1).click();
  await expect(page).toHaveURL(/\/en\/news\/city\/council-budget-vote$/);
});

test('comments: true shows nothing at all when no provider is configured', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (r) => {
    if (!isTestServer(r.url())) external.push(r.url());
  });
  await page.goto('/en/news/city/council-budget-vote');
  await expect(page.locator('.comments, .giscus')).toHaveCount(0);
  expect(external).toEqual([]);
});

test('thumbnail visibility [post] shows the image on the article and not in lists', async ({ page }) => {
  await page.goto('/en/news/culture/museum-reopens');
  await expect(page.locator('.post img.thumbnail-image')).toHaveAttribute('src', '/images/demo/whale.svg');
  await page.goto('/en/categories/culture');
  const item = page.locator('.list-item', { hasText: 'Natural history museum reopens' });
  await expect(item).toHaveCount(1);
  await expect(item.locator('img')).toHaveCount(0);
});

test('home and article pages request nothing from other hosts: no fonts, scripts or styles', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (r) => {
    if (!isTestServer(r.url())) external.push(r.url());
  });
  for (const path of ['/en', '/zh-CN', '/en/news/city/harbour-bridge-reopens', '/zh-HK/news/tech/ai-summit']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(external).toEqual([]);
});

test('description feeds the meta description, and lastmod shows when it differs from the date', async ({ page }) => {
  await page.goto('/en/news/markets/central-bank-holds-rates');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /kept its policy rate at 3\.75%/);
  const lastmod = page.locator('.post-header .meta-lastmod');
  await expect(lastmod).toContainText('Last modified');
  await expect(lastmod.locator('time')).toHaveText('2026-11-23 18:45');
  // Without description, the summary is the meta description; without lastmod, nothing is added.
  await page.goto('/en/news/city/rail-strike-called-off');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    'Services run normally today; the union will put the new offer to members next week.',
  );
  await expect(page.locator('.meta-lastmod')).toHaveCount(0);
});
