import { describe, expect, it } from 'vitest';
import { currentBreaking } from '@/lib/content/breaking';
import { readArticleFile } from '@/lib/content/readArticle';
import { corpusShaped, TempContent } from './helpers/tempContent';

const options = { languages: ['en', 'zh-CN', 'zh-HK'], defaultLanguage: 'en', timeZone: 'UTC' };
const read = (breaking: string) => {
  const content = new TempContent().write('en/a.md', corpusShaped({ title: '"Ferries suspended"', breaking }));
  try {
    return readArticleFile(content.dir, 'en/a.md', options);
  } finally {
    content.remove();
  }
};

describe('breaking news', () => {
  it('reads true (the title), a line of its own, or {text, until}', () => {
    expect(read('true').article?.breaking).toEqual({ text: '' });
    expect(read('"All crossings cancelled"').article?.breaking).toEqual({ text: 'All crossings cancelled' });
    expect(read('\n  text: "Signal 8"\n  until: "2026-12-05 18:00"').article?.breaking).toEqual({
      text: 'Signal 8',
      until: Date.parse('2026-12-05T18:00:00Z'),
    });
    expect(read('false').article?.breaking).toBeUndefined();
  });

  it('names the file and field of what it cannot read, and shows no line with an unreadable until', () => {
    const bad = read('\n  text: "x"\n  until: "soon"');
    expect(bad.article?.breaking).toBeUndefined();
    expect(bad.problems).toEqual([
      expect.objectContaining({ file: 'en/a.md', field: 'breaking', severity: 'warning', message: expect.stringContaining('not a date') }),
    ]);
    expect(read('[1, 2]').problems).toEqual([expect.objectContaining({ field: 'breaking', message: expect.stringContaining('expected true') })]);
  });

  it("shows a language's newest line whose time has not run out", () => {
    const now = 1000;
    const a = { title: 'A', breaking: { text: '', until: 1000 } };
    const b = { title: 'B', breaking: { text: 'Line B' } };
    expect(currentBreaking([a, b], now)).toEqual({ article: b, text: 'Line B' });
    expect(currentBreaking([a, b], 999)).toEqual({ article: a, text: 'A' });
    expect(currentBreaking([{ title: 'C' }], now)).toBeUndefined();
  });
});
