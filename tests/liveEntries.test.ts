import { describe, expect, it } from 'vitest';
import { liveEntries } from '@/lib/content/liveEntries';
import { feedTitle, feedUpdated } from '@/lib/rendering/live/liveFeed';

const tz = 'Asia/Shanghai';
const articleDate = Date.parse('2026-12-05T01:00:00Z'); // 09:00 in Shanghai
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('live entries', () => {
  it('splits the intro from entries under time headings, newest first, times on the article day or the nearest dated heading above', () => {
    const body = [
      'The storm reaches the coast tonight.',
      '',
      '## 09:15 Ferries suspended',
      'All crossings stop at noon.',
      '',
      '## 11:40',
      'Schools close early.',
      '## Background',
      'A heading without a time stays in its entry.',
      '## 2026-12-06 07:05 - Morning after',
      'Power is back in most districts.',
      '## 8:30 | Clean-up ##',
      'Crews are out.',
    ].join('\n');
    const { intro, entries } = liveEntries(body, articleDate, tz);
    expect(intro).toBe('The storm reaches the coast tonight.');
    expect(entries.map((e) => [e.id, e.time, e.headline])).toEqual([
      ['update-202612060830', at('2026-12-06T08:30:00'), 'Clean-up'],
      ['update-202612060705', at('2026-12-06T07:05:00'), 'Morning after'],
      ['update-202612051140', at('2026-12-05T11:40:00'), ''],
      ['update-202612050915', at('2026-12-05T09:15:00'), 'Ferries suspended'],
    ]);
    expect(entries[2]?.markdown).toBe('Schools close early.\n## Background\nA heading without a time stays in its entry.');
  });

  it('leaves headings inside code fences, other levels and impossible times alone, and numbers entries of one minute apart', () => {
    const body = ['```', '## 10:00 not an entry', '```', '### 10:00 a level-3 heading', '## 25:00 no such hour', '## 10:00 One', 'a', '## 10:00 Two', 'b'].join(
      '\n',
    );
    const { intro, entries } = liveEntries(body, articleDate, tz);
    expect(intro).toContain('## 10:00 not an entry');
    expect(intro).toContain('## 25:00 no such hour');
    expect(entries.map((e) => [e.id, e.headline])).toEqual([
      ['update-202612051000', 'One'],
      ['update-202612051000-2', 'Two'],
    ]);
  });

  it('reads a megabyte of a heading-like line in linear time', () => {
    const line = `## 10:00 ${' '.repeat(1_000_000)}x`;
    // A pattern that backtracked over the spaces would take hours here (Vitest's timeout catches a hang).
    expect(liveEntries(line, articleDate, tz).entries[0]?.headline).toBe('x');
  });

  it('says "Live" in feed titles while live, in each language, and dates the item by its newest entry', () => {
    expect(feedTitle({ title: 'Storm', live: true, lang: 'en' })).toBe('Live: Storm');
    expect(feedTitle({ title: '台风', live: true, lang: 'zh-CN' })).toBe('直播：台风');
    expect(feedTitle({ title: 'Storm', live: false, lang: 'en' })).toBe('Storm');
    expect(feedUpdated({ date: 1, lastmod: 5, liveUpdated: 9 })).toBe(9);
    expect(feedUpdated({ date: 1 })).toBe(1);
  });
});
