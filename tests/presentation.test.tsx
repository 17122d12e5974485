import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Comments } from '@/components/Comments';
import { widgetFor } from '@/components/widgets/registry';
import { siteConfig } from '@/lib/config';
import { thumbnailFor } from '@/lib/rendering/thumbnails';

afterEach(() => vi.restoreAllMocks());

describe('thumbnailFor', () => {
  it("follows the article's visibility, else the site default", () => {
    const own = { thumbnail: { src: '/a.png', visibility: { list: false, post: true } } };
    expect(thumbnailFor(own, 'list')).toBeUndefined();
    expect(thumbnailFor(own, 'post')?.src).toBe('/a.png');
    const plain = { thumbnail: { src: '/b.png' } };
    expect(thumbnailFor(plain, 'list')?.src).toBe(siteConfig.thumbnailVisibility.list ? '/b.png' : undefined);
    expect(thumbnailFor({ thumbnail: undefined }, 'post')).toBeUndefined();
  });
});

describe('Comments', () => {
  it("renders the provider's thread with the article's language", () => {
    const html = renderToStaticMarkup(
      <Comments config={{ provider: 'giscus', repo: 'news/site', repoId: 'R1', category: 'Comments', categoryId: 'C1' }} lang="zh-HK" />,
    );
    expect(html).toContain('src="https://giscus.app/client.js"');
    expect(html).toContain('data-repo="news/site"');
    expect(html).toContain('data-lang="zh-TW"');
    expect(html).toContain('data-mapping="pathname"');
    expect(html).toContain('aria-label="留言"');
  });
});

describe('widget registry', () => {
  it('skips an unknown widget with one warning, and knows every listed one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(widgetFor('weather-radar')).toBeUndefined();
    expect(widgetFor('weather-radar')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/unknown widget "weather-radar"/);
    for (const name of ['search', 'recent', 'categories', 'taglist', 'languages', 'social', 'sidemenu']) expect(widgetFor(name), name).toBeDefined();
  });
});
