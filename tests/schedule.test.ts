import { describe, expect, it } from 'vitest';
import { readArticleFile } from '@/lib/content/readArticle';
import { nextMoment } from '@/lib/content/schedule';
import { formatScheduled } from '@/lib/content/scheduleReport';
import { goneByExpiry, isShown, ownerOf, scheduledAt } from '@/lib/store/rules';
import { corpusShaped, TempContent } from './helpers/tempContent';

const options = { languages: ['en', 'zh-CN', 'zh-HK'], defaultLanguage: 'en', timeZone: 'Asia/Shanghai' };
const read = (extra: Record<string, string>) => {
  const content = new TempContent().write('en/a.md', corpusShaped(extra));
  try {
    return readArticleFile(content.dir, 'en/a.md', options);
  } finally {
    content.remove();
  }
};

describe('publishDate and expiryDate', () => {
  it("reads Hugo's names and aliases, in the site's time zone unless one is written", () => {
    expect(read({ publishDate: '"2026-12-05 14:32"' }).article?.publishDate).toBe(Date.parse('2026-12-05T06:32:00Z'));
    expect(read({ pubdate: '"2026-12-05T14:32:00Z"' }).article?.publishDate).toBe(Date.parse('2026-12-05T14:32:00Z'));
    expect(read({ published: '"2026-12-05"' }).article?.publishDate).toBe(Date.parse('2026-12-04T16:00:00Z'));
    expect(read({ publishdate: '"2026-12-05 00:00:00"' }).article?.publishDate).toBe(Date.parse('2026-12-04T16:00:00Z'));
    expect(read({ expiryDate: '"2027-01-01 00:00:00"' }).article?.expiryDate).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(read({ unpublishdate: '"2027-01-01T00:00:00Z"' }).article?.expiryDate).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(read({ expirydate: '"2027-01-01T00:00:00Z"' }).problems).toEqual([]);
  });

  it('names the file and field of a date it cannot read, of two names for one moment, and of an expiry before publication', () => {
    const bad = read({ expiryDate: '"next tuesday"' });
    expect(bad.article?.expiryDate).toBeUndefined();
    expect(bad.problems).toEqual([
      expect.objectContaining({ file: 'en/a.md', field: 'expiryDate', severity: 'warning', message: expect.stringContaining('is not a date') }),
    ]);
    const two = read({ publishDate: '"2026-01-01"', pubdate: '"2027-01-01"' });
    expect(two.article?.publishDate).toBe(Date.parse('2025-12-31T16:00:00Z'));
    expect(two.problems).toEqual([expect.objectContaining({ field: 'pubdate', message: expect.stringContaining('"publishDate" is set too') })]);
    const never = read({ publishDate: '"2027-01-01"', expiryDate: '"2026-01-01"' });
    expect(never.problems).toEqual([expect.objectContaining({ field: 'expiryDate', message: expect.stringContaining('no reader will see it') })]);
  });

  it('schedules the publication first, then the expiry, and nothing for drafts, takedowns or in preview', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const article = { date: now - 1000, draft: false, unpublish: false, redirect: undefined };
    expect(scheduledAt({ ...article, publishDate: now + 10 }, now, false)).toBe(now + 10);
    expect(scheduledAt({ ...article, publishDate: now + 10, expiryDate: now + 20 }, now, false)).toBe(now + 10);
    expect(scheduledAt({ ...article, expiryDate: now + 20 }, now, false)).toBe(now + 20);
    expect(scheduledAt({ ...article, expiryDate: now - 20 }, now, false)).toBeUndefined();
    // Hugo: a publishDate in the past publishes an article whose date is ahead.
    expect(nextMoment({ date: now + 99, publishDate: now - 1 }, now)).toBeUndefined();
    expect(scheduledAt({ ...article, draft: true, publishDate: now + 10 }, now, false)).toBeUndefined();
    expect(scheduledAt({ ...article, unpublish: true, expiryDate: now + 10 }, now, false)).toBeUndefined();
    expect(scheduledAt({ ...article, publishDate: now + 10 }, now, true)).toBeUndefined();
  });

  it('shows a file only between its publication and its expiry; an expired one makes its URL gone', () => {
    const now = 1000;
    const live = { path: 'en/a.md', date: 0, hidden: 0 as const, expires: 2000 };
    const expired = { path: 'en/b.md', date: 0, hidden: 0 as const, expires: 1000 };
    expect(isShown(live, now, false)).toBe(true);
    expect(isShown(expired, now, false)).toBe(false);
    expect(isShown(expired, now, true)).toBe(true);
    expect(ownerOf([expired, live], now, false)).toEqual({ owner: live, published: true });
    expect(goneByExpiry([expired], now, false)).toBe(true);
    expect(goneByExpiry([{ ...expired, expires: null }], now, false)).toBe(false);
    expect(goneByExpiry([{ ...expired, hidden: 1 }], now, false)).toBe(false);
  });

  it('lists what npm run check reports as scheduled, soonest first, in the site time zone', () => {
    const lines = formatScheduled(
      [
        { file: 'en/b.md', path: '/en/b', publish: Date.parse('2026-12-06T00:00:00Z') },
        { file: 'en/a.md', path: '/en/a', publish: Date.parse('2026-12-05T06:32:00Z'), expire: Date.parse('2027-01-01T00:00:00Z') },
      ],
      'Asia/Shanghai',
    );
    expect(lines).toEqual([
      'Scheduled to publish (2), times in Asia/Shanghai:',
      '  2026-12-05 14:32  /en/a  (en/a.md)',
      '  2026-12-06 08:00  /en/b  (en/b.md)',
      'Scheduled to expire (1), times in Asia/Shanghai:',
      '  2027-01-01 08:00  /en/a  (en/a.md)',
    ]);
    expect(formatScheduled([], 'UTC')).toEqual([]);
  });
});
