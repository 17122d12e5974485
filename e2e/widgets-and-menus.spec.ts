import { expect, test } from '@playwright/test';

test('menu: "main" puts an article in the main menu, after the configured items', async ({ page }) => {
  await page.goto('/en');
  const items = page.locator('.main-menu .menu-items a');
  await expect(items).toHaveText(['Home', 'Categories', 'Tags', 'About Broadsheet']);
  await items.last().click();
  await expect(page).toHaveURL(/\/en\/pages\/about$/);
  // sidebar: false removes the sidebar; pager: false removes the pager.
  await expect(page.locator('aside.sidebar')).toHaveCount(0);
  await expect(page.locator('.pager')).toHaveCount(0);
});

test('menu: [side, footer] lists an article in the footer and in the side menu widget', async ({ page }) => {
  await page.goto('/en/news/city/council-budget-vote');
  await expect(page.locator('.site-footer .footer-menu a')).toHaveText(['Editorial standards']);
  await page.goto('/en/pages/editorial-standards');
  await expect(page.locator('.widget-sidemenu a')).toHaveText(['Editorial standards']);
  await expect(page.locator('.widget-social a')).toHaveText(['GitHub', 'Mastodon']);
  // Other languages have no such articles: their menus hold only the configured items.
  await page.goto('/zh-CN');
  await expect(page.locator('.main-menu .menu-items a')).toHaveText(['首页', '分类', '标签']);
});

test('the tag list shows the most used tags, then a link to all of them', async ({ page }) => {
  await page.goto('/en');
  const widget = page.locator('.widget-taglist');
  await expect(widget.locator('a.term-button')).toHaveCount(20);
  const all = widget.locator('.widget-more a');
  await expect(all).toHaveText(/All tags \(\d+\)/);
  const total = Number((await all.textContent())!.match(/\((\d+)\)/)![1]);
  expect(total).toBeGreaterThan(20);
  await all.click();
  await expect(page.locator('.term-index li')).toHaveCount(total);
});

test('the categories widget shows counts when configured', async ({ page }) => {
  await page.goto('/en');
  await expect(page.locator('.widget-categories li', { hasText: 'City' })).toContainText('(3)');
});

test('the languages widget goes to the same article in another language where it exists', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  expect(await page.locator('.widget-languages a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
    '/en',
    '/zh-CN/news/city/harbour-bridge-reopens',
    '/zh-HK/news/city/harbour-bridge-reopens',
  ]);
  await page.goto('/en/news/city/council-budget-vote');
  expect(await page.locator('.widget-languages a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/en', '/zh-CN', '/zh-HK']);
  await page.goto('/zh-CN/tags');
  expect(await page.locator('.widget-languages a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/en/tags', '/zh-CN', '/zh-HK/tags']);
});
