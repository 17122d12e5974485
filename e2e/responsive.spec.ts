import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 375, height: 812 } });

test('at phone width the sidebar stacks under the content', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  const main = (await page.locator('main#main').boundingBox())!;
  const aside = (await page.locator('aside.sidebar').boundingBox())!;
  expect(aside.y).toBeGreaterThanOrEqual(main.y + main.height - 1);
  expect(aside.width).toBeGreaterThan(300);
  // Nothing overflows the viewport sideways.
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(375);
});

test('a left sidebar also stacks under the content at phone width', async ({ page }) => {
  await page.goto('/en/news/culture/museum-reopens');
  const main = (await page.locator('main#main').boundingBox())!;
  const aside = (await page.locator('aside.sidebar').boundingBox())!;
  expect(aside.y).toBeGreaterThanOrEqual(main.y + main.height - 1);
});

test('the main menu folds behind a button that works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto('/en');
  const menu = page.locator('.menu-items');
  await expect(menu).toBeHidden();
  await page.locator('.menu-button').click();
  await expect(menu).toBeVisible();
  await menu.getByRole('link', { name: 'Tags' }).click();
  await expect(page).toHaveURL(/\/en\/tags$/);
  await context.close();
});
