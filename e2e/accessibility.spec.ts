import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const pages = [
  '/en',
  '/en/news/city/harbour-bridge-reopens',
  '/zh-CN/tags/美股',
  '/zh-HK/news/none',
  '/en/news/science/heatwave-study',
  // A live page (issue 29), and a breaking-news line's frame on its own.
  '/en/news/weather/storm-live',
  '/api/breaking/zh-HK',
  // Corrections and labels (issue 29): a corrected, labelled article and the corrections page.
  '/en/news/markets/rate-path-analysis',
  '/zh-CN/corrections',
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const path of pages) {
    test(`${path} (${colorScheme}) has no serious or critical accessibility violations`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        );
      expect(serious).toEqual([]);
      await context.close();
    });
  }
}

test('landmarks and a skip link that moves focus to the content', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  await expect(page.locator('header.site-header')).toHaveCount(1);
  await expect(page.locator('main#main')).toHaveCount(1);
  await expect(page.locator('footer.site-footer')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: 'Sidebar' })).toHaveCount(1);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});
