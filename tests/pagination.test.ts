import { describe, expect, it } from 'vitest';
import { paginate } from '@/lib/rendering/pagination';

describe('paginate', () => {
  const list = Array.from({ length: 23 }, (_, i) => i);
  const fetch = (from: readonly number[]) => (offset: number, limit: number) => from.slice(offset, offset + limit);

  it('fetches pages by offset and counts them', async () => {
    expect(await paginate(list.length, 1, 10, fetch(list))).toEqual({ items: list.slice(0, 10), page: 1, totalPages: 3 });
    expect((await paginate(list.length, 3, 10, fetch(list)))?.items).toEqual([20, 21, 22]);
  });

  it('has no page 0 or page beyond the last, and fetches nothing for them', async () => {
    const never = () => {
      throw new Error('fetched');
    };
    expect(await paginate(list.length, 0, 10, never)).toBeUndefined();
    expect(await paginate(list.length, 4, 10, never)).toBeUndefined();
  });

  it('gives an empty list one empty page', async () => {
    expect(await paginate(0, 1, 10, fetch([]))).toEqual({ items: [], page: 1, totalPages: 1 });
  });
});
