import { test } from '@playwright/test';

/**
 * Not assertions: pictures for a person to look at, in e2e/screenshots/ (ignored by git), of the
 * home page and an article in both themes at desktop and phone widths.
 */
const shots = [
  ['home', '/en'],
  ['home-zh', '/zh-CN'],
  ['article', '/en/news/city/harbour-bridge-reopens'],
  ['article-zh', '/zh-HK/news/city/harbour-bridge-reopens'],
] as const;
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [size, viewport] of Object.entries(sizes)) {
    test(`screenshots: ${colorScheme} ${size}`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme, viewport });
      const page = await context.newPage();
      for (const [name, path] of shots) {
        await page.goto(path);
        await page.screenshot({ path: `e2e/screenshots/${name}-${colorScheme}-${size}.png`, fullPage: true });
      }
      await context.close();
    });
  }
}
