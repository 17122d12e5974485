import { expect, type Page, test } from '@playwright/test';

async function widgetOrder(page: Page): Promise<string[]> {
  return page
    .locator('aside.sidebar > section.widget')
    .evaluateAll((nodes) => nodes.map((n) => [...n.classList].find((c) => c.startsWith('widget-'))!.replace('widget-', '')));
}

async function sidebarSide(page: Page): Promise<'left' | 'right' | 'below'> {
  const main = (await page.locator('main#main').boundingBox())!;
  const aside = (await page.locator('aside.sidebar').boundingBox())!;
  if (aside.y >= main.y + main.height - 1) return 'below';
  return aside.x > main.x ? 'right' : 'left';
}

test('an article shows every element', async ({ page }) => {
  const response = await page.goto('/en/news/city/harbour-bridge-reopens');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Harbour bridge reopens after a year of repairs - Broadsheet');
  await expect(page.locator('h1')).toHaveText('Harbour bridge reopens after a year of repairs');
  // 2026-11-27 08:30 written without a zone is Asia/Shanghai time, shown as such.
  const time = page.locator('.post-header time');
  await expect(time).toHaveText('2026-11-27 08:30');
  await expect(time).toHaveAttribute('datetime', '2026-11-27T08:30:00+08:00');
  await expect(page.locator('.post-header .meta-categories a')).toHaveAttribute('href', '/en/categories/city');
  await expect(page.locator('.post img.thumbnail-image')).toHaveAttribute('src', '/images/demo/bridge.svg');
  await expect(page.locator('.post .lead')).toHaveText('Commuters lose a twenty-minute detour from Monday.');

  const body = page.locator('.post-content');
  await expect(body.locator('table td', { hasText: 'both directions' })).toBeVisible();
  await expect(body.locator('del')).toHaveText('still standing');
  await expect(body.locator('a[href="http://www.example.org/bridge"]')).toHaveText('www.example.org/bridge');

  const tags = page.locator('.post-tags a.term-button');
  await expect(tags).toHaveText(['transport', 'infrastructure']);
  await expect(tags.first()).toHaveAttribute('href', '/en/tags/transport');

  // The newest article has only an older neighbour.
  await expect(page.locator('.pager .pager-older .pager-title')).toHaveText('Council passes a budget that doubles spending on libraries');
  await expect(page.locator('.pager .pager-newer')).toHaveCount(0);

  expect(await sidebarSide(page)).toBe('right');
  expect(await widgetOrder(page)).toEqual(['search', 'recent', 'categories', 'taglist', 'languages']);
  await expect(page.locator('.widget-categories li', { hasText: 'Dow Jones Newswires' })).toContainText('(1)');
  await expect(page.locator('.widget-languages a')).toHaveText([/en\s+English/, /zh-CN\s+中文简体/, /zh-HK\s+中文繁體/]);
});

test('the pager links newer and older articles in the same language', async ({ page }) => {
  await page.goto('/en/news/markets/central-bank-holds-rates');
  await expect(page.locator('.pager-newer .pager-title')).toHaveText('Chipmaker beats forecasts as data-centre orders surge');
  await expect(page.locator('.pager-older .pager-title')).toHaveText('Research lab releases an open model that runs on a laptop');
  await page.locator('.pager-older').click();
  await expect(page).toHaveURL(/\/en\/news\/tech\/open-model-release$/);
});

test('the sidebar goes where front matter asks, with the widgets it names', async ({ page }) => {
  await page.goto('/en/news/culture/museum-reopens');
  expect(await sidebarSide(page)).toBe('left');
  expect(await widgetOrder(page)).toEqual(['recent', 'languages']);

  await page.goto('/zh-CN/news/markets/stock-market-week');
  expect(await sidebarSide(page)).toBe('left');
  expect(await widgetOrder(page)).toEqual(['search', 'recent', 'taglist']);
});

test('the search widget is a form that submits to the search page', async ({ page }) => {
  await page.goto('/en/news/city/harbour-bridge-reopens');
  await page.locator('.widget-search input[name="q"]').fill('bridge');
  await page.locator('.widget-search button').click();
  await expect(page).toHaveURL(/\/en\/search\?q=bridge$/);
  await expect(page.locator('.search-results h2 a').first()).toHaveText('Harbour bridge reopens after a year of repairs');
});

test('an article reads completely with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/zh-CN/news/tech/ai-summit');
  await expect(page.locator('h1')).toHaveText('人工智能行动峰会开幕 多国讨论开源模型监管');
  await expect(page.locator('.post-content')).toContainText('DeepSeek');
  await expect(page.locator('.post-tags a.term-button')).toHaveText(['人工智能', '开源']);
  await context.close();
});
