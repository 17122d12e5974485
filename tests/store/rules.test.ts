import { describe, expect, it } from 'vitest';
import { byCodePoint, deletionRefusal, isScheduled, listsOf, ownerOf } from '@/lib/store/rules';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('the store rules', () => {
  it('gives a URL to a file that would be published before one that would not, then to the first by path', () => {
    const live = { path: 'en/b/index.md', date: now - 1, draft: false };
    const draft = { path: 'en/b.en.md', date: now - 1, draft: true };
    const future = { path: 'en/b.md', date: now + 1, draft: false };
    expect(ownerOf([future, live, draft], now, false)).toEqual({ owner: live, published: true });
    expect(ownerOf([future, draft], now, false)).toEqual({ owner: draft, published: false });
    expect(ownerOf([future, live, draft], now, true)).toEqual({ owner: draft, published: true });
    expect(ownerOf([], now, false)).toEqual({ owner: undefined, published: false });
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

  it('schedules only articles dated in the future that are not drafts, and none in preview', () => {
    expect(isScheduled({ date: now + 1, draft: false }, now, false)).toBe(true);
    expect(isScheduled({ date: now, draft: false }, now, false)).toBe(false);
    expect(isScheduled({ date: now + 1, draft: true }, now, false)).toBe(false);
    expect(isScheduled({ date: now + 1, draft: false }, now, true)).toBe(false);
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
