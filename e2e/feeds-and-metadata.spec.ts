import { expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';

/** Feeds, the sitemap, robots.txt and what each page says about itself in <head>. */

const BASE = 'http://localhost:3000'; // site.config.ts baseUrl: canonical URLs use it, not the test server's
const rss = new Parser();
const xml = new XMLParser({ ignoreAttributes: false });
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

test('each language home has an RSS feed a feed parser reads, newest first, with thumbnails', async ({ request }) => {
  const response = await request.get('/en/index.xml');
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  const feed = await rss.parseString(await response.text());
  expect(feed.title).toBe('Broadsheet');
  expect(feed.items.length).toBeGreaterThan(10);
  expect(feed.items.length).toBeLessThanOrEqual(20);
  const first = feed.items[0]!;
  expect(first.title).toBe('Harbour bridge reopens after a year of repairs');
  expect(first.link).toBe(`${BASE}/en/news/city/harbour-bridge-reopens`);
  expect(first.contentSnippet ?? first.content).toBeTruthy();
  const dates = feed.items.map((item) => Date.parse(item.isoDate ?? ''));
  expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  expect(feed.items.some((item) => item.enclosure?.url?.startsWith(`${BASE}/images/demo/`))).toBe(true);

  const zh = await rss.parseString(await (await request.get('/zh-CN/index.xml')).text());
  expect(zh.items.map((item) => item.title)).toContain('气象台发布暴雨蓝色预警');
});

test("categories and tags have feeds at Hugo's paths, Chinese terms included; Atom and JSON Feed beside them", async ({ request }) => {
  const tag = await rss.parseString(await (await request.get(`/zh-CN/tags/${encodeURIComponent('天气')}/index.xml`)).text());
  expect(tag.items.map((item) => item.title)).toEqual(['气象台发布暴雨蓝色预警']);
  const category = await rss.parseString(await (await request.get('/en/categories/science/index.xml')).text());
  expect(category.items.length).toBeGreaterThan(0);
  expect(category.items.every((item) => item.link?.startsWith(`${BASE}/en/`))).toBe(true);

  const atom = await rss.parseString(await (await request.get('/en/atom.xml')).text());
  expect(atom.items[0]?.title).toBe('Harbour bridge reopens after a year of repairs');
  const json = (await (await request.get('/en/tags/transport/feed.json')).json()) as { version: string; items: { url: string }[] };
  expect(json.version).toContain('jsonfeed.org/version/1');
  expect(json.items.length).toBeGreaterThan(0);
  expect((await request.get('/en/tags/no-such-tag/index.xml')).status()).toBe(404);
});

test('the sitemap index lists one sitemap per language that follows the protocol', async ({ request }) => {
  const index = xml.parse(await (await request.get('/sitemap.xml')).text());
  expect(index.sitemapindex['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  const listed = asList(index.sitemapindex.sitemap as { loc: string; lastmod?: string }[]);
  // Beside each language's Google News sitemap (e2e/news-essentials.spec.ts).
  expect(listed.map((map) => map.loc)).toEqual(
    ['en', 'zh-CN', 'zh-HK'].flatMap((lang) => [`${BASE}/sitemaps/${lang}-1.xml`, `${BASE}/sitemaps/news/${lang}.xml`]),
  );
  const maps = listed.filter((map) => !map.loc.includes('/news/'));
  const seen = new Set<string>();
  for (const map of maps) {
    const response = await request.get(new URL(map.loc).pathname);
    expect(response.status()).toBe(200);
    const set = xml.parse(await response.text());
    expect(set.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = asList(set.urlset.url as { loc: string; lastmod?: string }[]);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.length).toBeLessThan(50_000);
    for (const url of urls) {
      expect(url.loc.startsWith(`${BASE}/`), url.loc).toBe(true);
      expect(url.lastmod ?? '', url.loc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      seen.add(url.loc);
    }
  }
  expect(seen).toContain(`${BASE}/zh-CN/news/wire/20261101A01XYZ`);
  expect(seen).toContain(`${BASE}/en/tags/transport`);
  // Every listed page exists.
  for (const loc of [...seen].filter((_, i) => i % 5 === 0)) expect((await request.get(new URL(loc).pathname)).status(), loc).toBe(200);

  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml`);
});

test('an article has canonical, hreflang, feed links, Open Graph, Twitter and NewsArticle metadata', async ({ page }) => {
  await page.goto('/zh-CN/news/tech/ai-summit');
  const head = page.locator('head');
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', `${BASE}/zh-CN/news/tech/ai-summit`);
  const hreflangs = await head
    .locator('link[rel="alternate"][hreflang]')
    .evaluateAll((links) => links.map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`));
  expect(hreflangs.sort()).toEqual([`zh-CN ${BASE}/zh-CN/news/tech/ai-summit`, `zh-HK ${BASE}/zh-HK/news/tech/ai-summit`]);
  await expect(head.locator('link[type="application/rss+xml"]')).toHaveAttribute('href', `${BASE}/zh-CN/index.xml`);
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(head.locator('meta[property="og:title"]')).toHaveAttribute('content', '人工智能行动峰会开幕 多国讨论开源模型监管 - Broadsheet');
  await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', /.+/);
  await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const image = await head.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toMatch(/^http:\/\/localhost:3000\//);

  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
  expect(ld['@type']).toBe('NewsArticle');
  expect(ld.headline).toBe('人工智能行动峰会开幕 多国讨论开源模型监管');
  expect(ld.inLanguage).toBe('zh-CN');
  expect(ld.publisher.name).toBe('Broadsheet');
  expect(ld.datePublished).toMatch(/^2026-/);
  expect(ld.image[0]).toBe(image);
});

test('home and tag pages link their own feeds and alternates', async ({ page, request }) => {
  await page.goto('/en');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${BASE}/en`);
  expect(await page.locator('link[rel="alternate"][hreflang]').count()).toBe(3);
  await page.goto('/en/tags/transport');
  const link = page.locator('link[type="application/rss+xml"]');
  await expect(link).toHaveAttribute('href', `${BASE}/en/tags/transport/index.xml`);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'website');
  // A feed reader shows the same name the page announced for it.
  await expect(link).toHaveAttribute('title', 'transport - Tags - Broadsheet');
  const feed = await rss.parseString(await (await request.get('/en/tags/transport/index.xml')).text());
  expect(feed.title).toBe('transport - Tags - Broadsheet');
});

test('an article without a thumbnail gets a social image drawn by the site, Chinese title included', async ({ page, request }) => {
  await page.goto('/zh-CN/news/weather/rainstorm-warning');
  const image = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
  expect(image).toBe(`${BASE}/og/zh-CN/news/weather/rainstorm-warning`);
  const response = await request.get(new URL(image).pathname);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  const png = await response.body();
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // A title drawn in a CJK font, not blank boxes: the image carries real detail.
  expect(png.length).toBeGreaterThan(15_000);
  expect((await request.get('/og/zh-CN/news/nope')).status()).toBe(404);
});
