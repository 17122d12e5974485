import { expect, test } from '@playwright/test';

test('the categories index lists every category with its count and links to it, spaces included', async ({ page }) => {
  await page.goto('/en/categories');
  await expect(page.locator('h1')).toHaveText('Categories');
  await expect(page.locator('.term-index li', { hasText: 'City' })).toContainText('(3)');
  await page.locator('.term-index a', { hasText: 'Dow Jones Newswires' }).click();
  await expect(page).toHaveURL(/\/en\/categories\/dow-jones-newswires$/);
  await expect(page.locator('h1')).toHaveText('Dow Jones Newswires');
  await expect(page.locator('.article-list h2 a')).toHaveText(['Central bank holds rates and signals patience']);
});

test('a tag page lists its articles newest first', async ({ page }) => {
  await page.goto('/en/tags/transport');
  await expect(page.locator('h1')).toHaveText('transport');
  await expect(page.locator('.article-list h2 a')).toHaveText([
    'Harbour bridge reopens after a year of repairs',
    'Storm Alder: ferries, schools and power, as it happens',
    'Rail strike called off after overnight talks',
  ]);
});

test('a Chinese tag works from the article, in the URL and on its page', async ({ page }) => {
  await page.goto('/zh-CN/news/markets/stock-market-week');
  await page.locator('.post-tags a', { hasText: '美股' }).click();
  await expect(page).toHaveURL(/\/zh-CN\/tags\/(%E7%BE%8E%E8%82%A1|美股)$/);
  await expect(page.locator('h1')).toHaveText('美股');
  await expect(page.locator('.article-list h2 a')).toHaveText(['美股本周回顾：科技股领涨']);

  // The same page by its unencoded address.
  const response = await page.goto('/zh-CN/tags/美股');
  expect(response?.status()).toBe(200);
});

test('a term with spaces used in a Chinese article has its own page in that language', async ({ page }) => {
  await page.goto('/zh-CN/tags/dow-jones-newswires');
  await expect(page.locator('h1')).toHaveText('Dow Jones Newswires');
  await expect(page.locator('.article-list .list-item')).toHaveCount(1);
});

test('the tags index links every tag', async ({ page }) => {
  await page.goto('/zh-HK/tags');
  await expect(page.locator('h1')).toHaveText('標籤');
  await page.locator('.term-index a', { hasText: '颱風' }).click();
  await expect(page.locator('.article-list h2 a')).toHaveText(['天文台考慮改發八號風球']);
});
