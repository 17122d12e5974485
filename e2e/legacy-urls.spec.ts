import { expect, test } from '@playwright/test';

/** Every URL shape of the Hugo + Mainroad site answers one permanent redirect to today's address. */

const table: [old: string, now: string][] = [
  ['/news/city/harbour-bridge-reopens/', '/en/news/city/harbour-bridge-reopens'],
  ['/zh-cn/news/tech/ai-summit.zh-cn/', '/zh-CN/news/tech/ai-summit'],
  ['/zh-hk/news/weather/typhoon-signal.zh-hk/', '/zh-HK/news/weather/typhoon-signal'],
  // Hugo lowercased the wire service's upper-case id.
  ['/zh-cn/news/wire/20261101a01xyz.zh-cn/', '/zh-CN/news/wire/20261101A01XYZ'],
  ['/zh-cn/', '/zh-CN'],
  ['/page/2/', '/en/page/2'],
  ['/categories/', '/en/categories'],
  ['/categories/science/', '/en/categories/science'],
  ['/tags/transport/', '/en/tags/transport'],
  [`/zh-cn/tags/${encodeURIComponent('天气')}/`, `/zh-CN/tags/${encodeURIComponent('天气')}`],
  ['/index.xml', '/en/index.xml'],
  ['/zh-hk/index.xml', '/zh-HK/index.xml'],
  ['/tags/transport/index.xml', '/en/tags/transport/index.xml'],
  ['/en/news/city/harbour-bridge-reopens/', '/en/news/city/harbour-bridge-reopens'],
];

for (const [old, now] of table) {
  test(`${decodeURIComponent(old)} → ${decodeURIComponent(now)}`, async ({ request }) => {
    const response = await request.get(old, { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(new URL(response.headers()['location']!, 'http://x').pathname).toBe(now);
    expect((await request.get(now, { maxRedirects: 0 })).status()).toBe(200);
  });
}

test('an old URL of something that is gone is a plain 404, not a redirect', async ({ request }) => {
  for (const old of ['/news/city/no-such-story/', '/zh-cn/news/qq/nothing.zh-cn/', '/tags/no-such-tag/']) {
    expect((await request.get(old, { maxRedirects: 0 })).status(), old).toBe(404);
  }
});
