import { describe, expect, it } from 'vitest';
import { paginate } from '@/lib/pagination';

describe('paginate', () => {
  const list = Array.from({ length: 23 }, (_, i) => i);

  it('slices pages and counts them', () => {
    expect(paginate(list, 1, 10)).toEqual({ items: list.slice(0, 10), page: 1, totalPages: 3 });
    expect(paginate(list, 3, 10)?.items).toEqual([20, 21, 22]);
  });

  it('has no page 0 or page beyond the last', () => {
    expect(paginate(list, 0, 10)).toBeUndefined();
    expect(paginate(list, 4, 10)).toBeUndefined();
  });

  it('gives an empty list one empty page', () => {
    expect(paginate([], 1, 10)).toEqual({ items: [], page: 1, totalPages: 1 });
  });
});
