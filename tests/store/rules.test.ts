import { describe, expect, it } from 'vitest';
import { aliasKey, byCodePoint, deletionRefusal, isScheduled, listsOf, ownerOf } from '@/lib/store/rules';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('the store rules', () => {
  it('gives a URL to a file that would be published before one that would not, then to the first by path', () => {
    const live = { path: 'en/b/index.md', date: now - 1, hidden: 0 as const };
    const draft = { path: 'en/b.en.md', date: now - 1, hidden: 1 as const };
    const future = { path: 'en/b.md', date: now + 1, hidden: 0 as const };
    const redirect = { path: 'en/a.md', date: now - 1, hidden: 2 as const };
    expect(ownerOf([future, live, draft], now, false)).toEqual({ owner: live, published: true });
    expect(ownerOf([future, draft], now, false)).toEqual({ owner: draft, published: false });
    expect(ownerOf([future, live, draft], now, true)).toEqual({ owner: draft, published: true });
    expect(ownerOf([], now, false)).toEqual({ owner: undefined, published: false });
    // A file that only redirects is never an article, not even in preview.
    expect(ownerOf([redirect, live], now, true)).toEqual({ owner: live, published: true });
    expect(ownerOf([redirect], now, true)).toEqual({ owner: redirect, published: false });
    // Code point order, as both databases compare paths: "a.en.md" before "a.md", "Z" before "a", "é" after "z".
    expect(['en/a.md', 'en/a.en.md', 'en/é.md', 'en/z.md', 'en/Z.md'].sort(byCodePoint)).toEqual(['en/Z.md', 'en/a.en.md', 'en/a.md', 'en/z.md', 'en/é.md']);
    // Beyond the BMP, UTF-16 order would put U+FF5E after U+1F600; code point order does not.
    expect(['en/😀.md', 'en/～.md'].sort(byCodePoint)).toEqual(['en/～.md', 'en/😀.md']);
  });

  it('puts an article in its language list, each term once by URL key (named as written first), and each menu', () => {
    expect(listsOf({ categories: ['Markets'], tags: ['Rates', 'rates', '美股'], menu: ['main'] })).toEqual([
      ['all', '', ''],
      ['categories', 'markets', 'Markets'],
      ['tags', 'rates', 'Rates'],
      ['tags', '美股', '美股'],
      ['menu', 'main', 'main'],
    ]);
  });

  it('schedules only articles dated in the future that are not drafts, taken down or redirects, and none in preview', () => {
    const article = { date: now + 1, draft: false, unpublish: false, redirect: undefined };
    expect(isScheduled(article, now, false)).toBe(true);
    expect(isScheduled({ ...article, date: now }, now, false)).toBe(false);
    expect(isScheduled({ ...article, draft: true }, now, false)).toBe(false);
    expect(isScheduled({ ...article, unpublish: true }, now, false)).toBe(false);
    expect(isScheduled({ ...article, redirect: '/en/x' }, now, false)).toBe(false);
    expect(isScheduled(article, now, true)).toBe(false);
  });

  it("reads an alias in the language its first segment names, else the article's own", () => {
    const meta = { lang: 'en', key: 'en/news/new' };
    const languages = ['en', 'zh-CN'];
    expect(aliasKey('/en/news/old/', meta, languages)).toBe('en/news/old');
    expect(aliasKey('older?x=1', meta, languages)).toBe('en/older');
    expect(aliasKey('/zh-cn/%E6%97%A7', meta, languages)).toBe('zh-CN/旧');
    expect(aliasKey('/en/news/new', meta, languages)).toBeUndefined();
    expect(aliasKey('/', meta, languages)).toBeUndefined();
  });

  it('refuses removing more than a tenth of the published articles at once unless allowed; one article may always go', () => {
    expect(deletionRefusal(10, 100, false)).toBeUndefined();
    expect(deletionRefusal(11, 100, false)).toMatch(/remove 11 of the 100 published articles .*missing, empty or not mounted.*--allow-deletions/);
    expect(deletionRefusal(11, 100, true)).toBeUndefined();
    expect(deletionRefusal(1, 3, false)).toBeUndefined();
    expect(deletionRefusal(2, 3, false)).toBeDefined();
    expect(deletionRefusal(0, 0, false)).toBeUndefined();
  });
});
