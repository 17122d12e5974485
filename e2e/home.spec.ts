import { expect, test } from '@playwright/test';

/** Reads the `datetime` of every list entry, in page order. */
async function listDates(page: import('@playwright/test').Page): Promise<number[]> {
  const values = await page.locator('.article-list .list-item .meta-date > time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
  return values.map((value) => Date.parse(value));
}

test('the root is the default language home: 10 newest articles, newest first, with title, date, category, summary', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const items = page.locator('.article-list .list-item');
  await expect(items).toHaveCount(10);

  const dates = await listDates(page);
  expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
  expect([...dates].sort((a, b) => b - a)).toEqual(dates);

  const first = items.first();
  await expect(first.locator('h2 a')).toHaveText('Harbour bridge reopens after a year of repairs');
  await expect(first.locator('time')).toHaveText('2026-11-27 08:30');
  await expect(first.locator('.meta-categories a')).toHaveText('City');
  await expect(first.locator('img.thumbnail-image')).toHaveAttribute('alt', 'Harbour bridge reopens after a year of repairs');
  // Typographic punctuation, as Hugo's typographer gave it (site.config typographer).
  await expect(first.locator('.list-item-summary')).toContainText('The city’s oldest crossing');
  // An article without a thumbnail has no image and no empty box.
  await expect(items.nth(1).locator('.thumbnail')).toHaveCount(0);
});

test('pagination walks N/M with previous and next', async ({ page }) => {
  await page.goto('/en');
  const pager = page.locator('nav.pagination');
  await expect(pager.locator('.pagination-current')).toHaveText('1/2');
  const firstPageDates = await listDates(page);

  await pager.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/\/en\/page\/2$/);
  await expect(pager.locator('.pagination-current')).toHaveText('2/2');
  const secondPageDates = await listDates(page);
  expect(secondPageDates.length).toBeGreaterThan(0);
  expect(Math.max(...secondPageDates)).toBeLessThanOrEqual(Math.min(...firstPageDates));
  await expect(pager.getByRole('link', { name: /Next/ })).toHaveCount(0);

  await pager.getByRole('link', { name: /Previous/ }).click();
  await expect(page).toHaveURL(/\/en$/);
});

test('each language has its own home under its prefix', async ({ page }) => {
  await page.goto('/zh-HK');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
  await expect(page.locator('.article-list .list-item h2 a').first()).toHaveText('海港大橋維修一年後重開');
  await expect(page.locator('.widget-recent .widget-title')).toHaveText('近期文章');

  await page.goto('/zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('.main-menu')).toContainText('首页');
});

test('titles in a list link to their articles', async ({ page }) => {
  await page.goto('/en');
  // The third is the demo's live page (issue 29); its title link follows its Live badge.
  await page.locator('.article-list .list-item h2 a').nth(3).click();
  await expect(page).toHaveURL(/\/en\/news\/city\/rail-strike-called-off$/);
  await expect(page.locator('h1')).toHaveText('Rail strike called off after overnight talks');
});
