import { describe, expect, it } from 'vitest';
import { ContentIndex } from '@/lib/content/contentIndex';
import type { ArticleMeta } from '@/lib/content/types';
import { articleMeta } from './helpers/articleMeta';

function article(lang: string, id: string, date: number, extra: Partial<ArticleMeta> = {}): ArticleMeta {
  return articleMeta(lang, ['news', id], { date, ...extra });
}

const languages = ['en', 'zh-CN'];

describe('ContentIndex', () => {
  const index = new ContentIndex(
    [
      article('en', 'old', 1, { categories: ['Dow Jones Newswires'], tags: ['a'] }),
      article('en', 'new', 3, { categories: ['dow jones newswires'], tags: ['a', 'b'] }),
      article('en', 'mid', 2, { tags: ['b'] }),
      article('zh-CN', 'new', 5, { tags: ['美股'] }),
    ],
    languages,
  );

  it('lists a language newest first', () => {
    expect(index.articles('en').map((a) => a.title)).toEqual(['new', 'mid', 'old']);
    expect(index.articles('zh-HK')).toEqual([]);
  });

  it('finds articles by language and path', () => {
    expect(index.article('en', ['news', 'mid'])?.date).toBe(2);
    expect(index.article('en', ['news', 'missing'])).toBeUndefined();
    expect(index.article('zh-CN', ['news', 'mid'])).toBeUndefined();
  });

  it('groups terms by their URL key, keeping the first-written name and newest-first lists', () => {
    const term = index.term('en', 'categories', 'dow-jones-newswires');
    expect(term?.name).toBe('dow jones newswires');
    expect(term?.articles.map((a) => a.title)).toEqual(['new', 'old']);
    expect(index.term('zh-CN', 'tags', '美股')?.articles).toHaveLength(1);
    expect(index.term('en', 'tags', '美股')).toBeUndefined();
  });

  it('lists all terms of a taxonomy with counts', () => {
    expect(index.termsOf('en', 'tags').map((t) => [t.name, t.articles.length])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('gives newer and older neighbours within the language', () => {
    const mid = index.article('en', ['news', 'mid'])!;
    const { newer, older } = index.neighbours(mid);
    expect([newer?.title, older?.title]).toEqual(['new', 'old']);
    expect(index.neighbours(index.article('zh-CN', ['news', 'new'])!)).toEqual({ newer: undefined, older: undefined });
  });

  it('finds the same path in another language as a translation', () => {
    expect(index.translation(index.article('en', ['news', 'new'])!, 'zh-CN')?.lang).toBe('zh-CN');
  });
});
