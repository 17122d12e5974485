import { expect, test } from '@playwright/test';

const cases: [path: string, lang: string, text: string][] = [
  ['/en/news/city/no-such-story', 'en', 'Page not found'],
  ['/zh-CN/news/city/no-such-story', 'zh-CN', '页面不存在'],
  ['/zh-HK/nothing/here', 'zh-HK', '找不到頁面'],
  ['/en/page/99', 'en', 'Page not found'],
  ['/en/page/abc', 'en', 'Page not found'],
  ['/en/tags/no-such-tag', 'en', 'Page not found'],
  ['/zh-CN/categories/不存在', 'zh-CN', '页面不存在'],
  ['/en/tags/transport/page/9', 'en', 'Page not found'],
  ['/fr/news/x', 'en', 'Page not found'],
  ['/en/..%2F..%2Fpackage.json', 'en', 'Page not found'],
  ['/en/news/%2e%2e/%2e%2e/package.json', 'en', 'Page not found'],
  ['/en/%FF%FE', 'en', 'Page not found'],
];

for (const [path, lang, text] of cases) {
  test(`${path} answers a localized 404, rendered on the server`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(404);
    const html = await response.text();
    // The message is in the server's HTML, so it reads without JavaScript.
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toMatch(new RegExp(`<h1 class="page-title">${text}</h1>`));
  });
}

test('the 404 page offers a way home', async ({ page }) => {
  await page.goto('/zh-HK/news/none');
  await page.getByRole('link', { name: '返回首頁' }).click();
  await expect(page).toHaveURL(/\/zh-HK$/);
});
