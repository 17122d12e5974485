import { describe, expect, it } from 'vitest';
import { articleUrl, decodeSlug, listPageUrl, localPathUrl, parsePageNumber, searchUrl, termUrl } from '@/lib/routing/urls';

describe('URL building', () => {
  it('builds article URLs with each segment encoded', () => {
    expect(articleUrl({ lang: 'en', slug: ['news', 'reuters', 'tag:reuters.com,2025'] })).toBe('/en/news/reuters/tag%3Areuters.com%2C2025');
    expect(articleUrl({ lang: 'zh-CN', slug: ['news', 'qq', '20250212A06YSW'] })).toBe('/zh-CN/news/qq/20250212A06YSW');
  });

  it('builds list and term URLs, page 1 without a suffix', () => {
    expect(listPageUrl('en', 1)).toBe('/en');
    expect(listPageUrl('en', 3)).toBe('/en/page/3');
    expect(searchUrl('zh-CN', '美股 & co', 2)).toBe('/zh-CN/search?q=%E7%BE%8E%E8%82%A1%20%26%20co&page=2');
    expect(searchUrl('en', 'x', 1)).toBe('/en/search?q=x');
    expect(termUrl('zh-CN', 'tags', '美股')).toBe('/zh-CN/tags/%E7%BE%8E%E8%82%A1');
    expect(termUrl('en', 'categories', 'dow-jones-newswires', 2)).toBe('/en/categories/dow-jones-newswires/page/2');
  });

  it('prefixes menu paths with the language and leaves absolute URLs alone', () => {
    expect(localPathUrl('zh-HK', '/')).toBe('/zh-HK');
    expect(localPathUrl('zh-HK', '/tags')).toBe('/zh-HK/tags');
    expect(localPathUrl('en', 'https://example.org/x')).toBe('https://example.org/x');
  });
});

describe('URL reading', () => {
  it('round-trips non-Latin and punctuated segments', () => {
    const slug = ['news', '美股', 'tag:reuters.com,2025'];
    const url = articleUrl({ lang: 'en', slug });
    expect(decodeSlug(url.split('/').slice(2))).toEqual(slug);
  });

  it('refuses traversal, encoded slashes and broken encodings', () => {
    expect(decodeSlug(['..', 'etc'])).toBeUndefined();
    expect(decodeSlug(['%2e%2e', 'x'])).toBeUndefined();
    expect(decodeSlug(['a%2Fb'])).toBeUndefined();
    expect(decodeSlug(['a%5Cb'])).toBeUndefined();
    expect(decodeSlug(['%FF'])).toBeUndefined();
    expect(decodeSlug(['a%00'])).toBeUndefined();
  });

  it('accepts only plain page numbers', () => {
    expect(parsePageNumber('2')).toBe(2);
    for (const bad of ['0', '-1', '01', '1.5', 'x', '2e3', '', '99999999']) expect(parsePageNumber(bad), bad).toBeUndefined();
  });
});
