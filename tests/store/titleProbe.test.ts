import { describe, expect, it } from 'vitest';
import { anyTitleLexemes, MAX_WALK, UNINFORMED_WALK, walkLength, type TitleStatistics } from '@/lib/store/postgres/titleProbe';

const million = (shares: Record<string, number>, rows = 1_000_000): TitleStatistics => ({
  shares: new Map(Object.entries(shares)),
  other: 0.0001,
  rows,
});

describe('how related articles read the newest titles on postgres', () => {
  it('takes the shape of a related window: any of some whole title tokens', () => {
    expect(anyTitleLexemes({ title: { any: [{ token: 'rate' }, { token: '美联' }] } })).toEqual(['^rate', '^美联']);
    expect(anyTitleLexemes({ title: { token: 'rate' } })).toEqual(['^rate']);
    // A prefix, a conjunction, or words of the whole text: not a window; walked a fixed length.
    expect(anyTitleLexemes({ title: { token: 'rat', prefix: true } })).toBeUndefined();
    expect(anyTitleLexemes({ title: { all: [{ token: 'a' }, { token: 'b' }] } })).toBeUndefined();
    expect(anyTitleLexemes({ any: [{ token: 'rate' }] })).toBeUndefined();
  });

  it('walks the newest titles for common words, goes to the index for rare ones, and never walks far', () => {
    // Words in a tenth of a million titles: 240 matches expected within 2,400 titles; 100,000 matches through the index.
    expect(walkLength(['^rate'], 240, million({ '^rate': 0.1 }))).toBe(4800);
    // Shares add up across the words (any of them).
    expect(walkLength(['^rate', '^bank'], 240, million({ '^rate': 0.05, '^bank': 0.05 }))).toBe(4800);
    // Rare words (not among the commonest): a few hundred matches, cheaper through the index.
    expect(walkLength(['^tinto', '^rio'], 240, million({ '^rate': 0.1 }))).toBe(0);
    // Common enough to fill the window, but only after more titles than the bound.
    expect(walkLength(['^rate'], 240, million({ '^rate': 0.02 }))).toBe(0);
    expect(walkLength(['^rate'], 240, million({ '^rate': 0.04 }))).toBe(12_000);
    // Past the bound, the index even where it costs more (ten million titles): a walk's cost has a ceiling.
    expect((2 * 240) / 0.02).toBeGreaterThan(MAX_WALK);
    expect(walkLength(['^rate'], 240, million({ '^rate': 0.02 }, 10_000_000))).toBe(0);
    expect(walkLength(['^rate'], 240, million({ '^rate': 0.025 }, 10_000_000))).toBe(19_200);
    // A small store: its index answers any words cheaply.
    expect(walkLength(['^rate'], 240, million({ '^rate': 0.5 }, 600))).toBe(0);
    // No statistics yet (a new store, before ANALYZE): a short walk, then the index.
    expect(walkLength(['^rate'], 240, undefined)).toBe(UNINFORMED_WALK);
  });
});
