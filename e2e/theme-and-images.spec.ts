import { expect, type Page, test } from '@playwright/test';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.site')!).backgroundColor);
const isDark = (rgb: string) =>
  rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map(Number)
    .every((c) => c < 60);

test('dark mode follows the system setting', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/en');
    expect(isDark(await background(page))).toBe(colorScheme === 'dark');
    await context.close();
  }
});

test('the toggle switches the theme and the choice holds on the next page, applied before the first paint', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  // Record the theme at the moment <body> is parsed, which is before anything is painted.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body) {
        (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme ?? 'none';
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/en');
  expect(isDark(await background(page))).toBe(false);
  await page.getByRole('button', { name: 'Switch between light and dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(isDark(await background(page))).toBe(true);

  await page.goto('/en/news/city/harbour-bridge-reopens');
  expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark');
  expect(isDark(await background(page))).toBe(true);
  await page.getByRole('button', { name: 'Switch between light and dark' }).click();
  expect(isDark(await background(page))).toBe(false);
  await context.close();
});

test('without JavaScript there is no toggle, and the system setting still applies', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/en');
  await expect(page.locator('.theme-toggle')).toBeHidden();
  expect(isDark(await background(page))).toBe(true);
  await context.close();
});

test('a thumbnail its host refuses leaves no broken image and no empty box', async ({ page }) => {
  await page.route('**/images/demo/chart.svg', (route) => route.abort());
  await page.goto('/en');
  const item = page.locator('.list-item', { hasText: 'Chipmaker beats forecasts' });
  await expect(item.locator('.thumbnail')).toBeHidden();
  await expect(item).not.toHaveClass(/has-thumbnail/);
  // Other thumbnails are untouched.
  await expect(page.locator('.list-item', { hasText: 'Harbour bridge reopens' }).locator('.thumbnail img')).toBeVisible();
});
