import { expect, type Page, test } from '@playwright/test';

/** The site's own search: server-rendered results, Chinese segmentation, suggestions. */

const resultTitles = (page: Page) => page.locator('.search-results h2 a').allTextContents();

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a Chinese query matches inside unspaced text and marks the match', async ({ page }) => {
    await page.goto('/zh-CN/search?q=峰会');
    expect(await resultTitles(page)).toEqual(['人工智能行动峰会开幕 多国讨论开源模型监管']);
    await expect(page.locator('.search-results mark').first()).toHaveText('峰会');
    await expect(page.locator('#search-page-input')).toHaveValue('峰会');
    await expect(page.locator('h1')).toHaveText('“峰会”的搜索结果');
  });

  test('an English query ignores case and finds other forms of the word', async ({ page }) => {
    await page.goto('/en/search?q=REOPEN');
    expect((await resultTitles(page)).sort()).toEqual(['Harbour bridge reopens after a year of repairs', 'Natural history museum reopens its whale hall']);
    await expect(page.locator('.search-results h2 mark').first()).toHaveText('reopens');
  });

  test('a mixed query needs every term', async ({ page }) => {
    await page.goto('/zh-CN/search?q=DeepSeek 开源');
    expect(await resultTitles(page)).toEqual(['人工智能行动峰会开幕 多国讨论开源模型监管']);
    await page.goto('/zh-CN/search?q=DeepSeek 暴雨');
    await expect(page.locator('.empty')).toContainText('没有与“DeepSeek 暴雨”匹配的文章');
    await page.goto('/zh-CN/search?q=暴雨');
    expect(await resultTitles(page)).toEqual(['气象台发布暴雨蓝色预警']);
  });

  test('Simplified and Traditional forms find each other, across languages on request', async ({ page }) => {
    await page.goto('/zh-HK/search?q=峰会');
    expect(await resultTitles(page)).toEqual(['人工智能行動峰會開幕 多國討論開源模型監管']);
    await page.locator('input[name="all"]').check();
    await page.locator('.search-form button[type="submit"]').click();
    await expect(page).toHaveURL(/all=1/);
    expect((await resultTitles(page)).sort()).toEqual(['人工智能行动峰会开幕 多国讨论开源模型监管', '人工智能行動峰會開幕 多國討論開源模型監管']);
  });

  test('results paginate, keeping the query and the order', async ({ page }) => {
    await page.goto('/en/search?q=the&sort=date');
    const first = await resultTitles(page);
    expect(first).toHaveLength(10);
    const count = Number((await page.locator('.search-count').textContent())?.match(/\d+/)?.[0]);
    expect(count).toBeGreaterThan(10);
    await expect(page.locator('select[name="sort"]')).toHaveValue('date');
    await page.locator('.pagination-next').click();
    await expect(page).toHaveURL(/q=the&sort=date&page=2/);
    const second = await resultTitles(page);
    expect(second).toHaveLength(count - 10);
    expect(second.filter((title) => first.includes(title))).toEqual([]);
    await expect(page.locator('#search-page-input')).toHaveValue('the');
    // Newest first: the dates on the page never go up (publication dates, not a corrected article's "last modified").
    const dates = await page.locator('.search-results .meta-date > time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  test('ranks a title match above a newer body match, unless asked for the newest', async ({ page }) => {
    await page.goto('/en/search?q=rail');
    expect(await resultTitles(page)).toEqual(['Rail strike called off after overnight talks', 'Harbour bridge reopens after a year of repairs']);
    await page.goto('/en/search?q=rail&sort=date');
    expect(await resultTitles(page)).toEqual(['Harbour bridge reopens after a year of repairs', 'Rail strike called off after overnight talks']);
  });

  test('odd queries answer 200 and say so, with nothing executed or reflected raw', async ({ page, request }) => {
    for (const query of ['', '!!!???', '.*+(?[', '<img src=x onerror=alert(1)>', 'x'.repeat(10_240)]) {
      const response = await request.get(`/en/search?q=${encodeURIComponent(query)}`);
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).not.toContain('<img src=x');
    }
    await page.goto(`/en/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    await expect(page.locator('.empty')).toContainText('Nothing matched “<img src=x onerror=alert(1)>”');
    await page.goto('/en/search');
    await expect(page.locator('.empty')).toHaveText('Type a word or two to search the articles.');
  });
});

test('the sidebar box suggests articles as the reader types', async ({ page }) => {
  await page.goto('/en/news/city/rail-strike-called-off');
  const input = page.locator('.widget-search input[name="q"]');
  const answered = page.waitForResponse((response) => response.url().includes('/api/search') && response.url().endsWith('q=reope'));
  await input.pressSequentially('reope');
  await answered;
  const options = page.locator('.widget-search [role="option"]');
  await expect(options).toHaveCount(2);
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await input.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const title = (await options.first().textContent()) ?? '';
  await input.press('Enter');
  await expect(page.locator('h1')).toHaveText(title);
});

test('suggestions come from a JSON endpoint that rejects an unknown language', async ({ request }) => {
  const response = await request.get('/api/search?lang=zh-CN&q=' + encodeURIComponent('人工智能'));
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { results: { title: string; url: string }[] };
  expect(body.results.map((r) => r.url)).toEqual(['/zh-CN/news/tech/ai-summit']);
  expect((await request.get('/api/search?lang=xx&q=a')).status()).toBe(400);
});
