import { describe, expect, it } from 'vitest';
import { siteConfig } from '@/lib/config';
import { BoundedQueue } from '@/lib/server/boundedQueue';
import { drawSocialImage, SOCIAL_IMAGE_RETRY_AFTER, socialImageResponse } from '@/lib/rendering/og/socialImage';

/** A task that finishes when told to, and says when it started. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const state = { started: false, open, task: async () => ((state.started = true), await opened, 'done') };
  return state;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a bounded queue', () => {
  it('runs at most its number at once, holds a bounded line, refuses past it, and passes places on in order', async () => {
    const queue = new BoundedQueue(1, 2);
    const [a, b, c, d] = [gate(), gate(), gate(), gate()];
    const running = [queue.run(a.task), queue.run(b.task), queue.run(c.task)];
    expect(running.every(Boolean)).toBe(true);
    // One running, two waiting: the fourth is refused at once, before it starts.
    expect(queue.run(d.task)).toBeUndefined();
    await settle();
    expect([a.started, b.started, c.started, d.started]).toEqual([true, false, false, false]);
    expect(queue.load).toBe(3);
    a.open();
    await running[0];
    await settle();
    expect([b.started, c.started]).toEqual([true, false]);
    // A place in line is free again.
    const e = gate();
    const fifth = queue.run(e.task);
    expect(fifth).toBeDefined();
    b.open();
    c.open();
    e.open();
    await expect(Promise.all([...running, fifth])).resolves.toEqual(['done', 'done', 'done', 'done']);
    expect(queue.load).toBe(0);
  });

  it('rests its share of the time after each task before the next starts, holding the place meanwhile', async () => {
    let clock = 0;
    const rests: number[] = [];
    let endRest!: () => void;
    const queue = new BoundedQueue(1, 1, {
      share: 0.25,
      now: () => clock,
      rest: (ms) => (rests.push(ms), new Promise<void>((resolve) => (endRest = resolve))),
    });
    const started: string[] = [];
    const task = (name: string, takes: number) => async () => (started.push(name), (clock += takes), name);
    const first = queue.run(task('a', 100));
    const second = queue.run(task('b', 40));
    expect(await first).toBe('a');
    await settle();
    // A task of 100 ms at a quarter of the time: 300 ms of rest, with the place still held.
    expect(rests).toEqual([300]);
    expect(started).toEqual(['a']);
    expect(queue.run(task('c', 1))).toBeUndefined();
    endRest();
    expect(await second).toBe('b');
    await settle();
    expect(rests).toEqual([300, 120]);
    endRest();
    await settle();
    expect(queue.load).toBe(0);
  });

  it('frees the place of a task that failed', async () => {
    const queue = new BoundedQueue(1, 0);
    await expect(queue.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('the social image', () => {
  const article = { title: 'Harbour bridge reopens', categories: ['City'] };

  it('is a PNG that follows the title, Chinese included', async () => {
    const english = Buffer.from(await drawSocialImage(article));
    const chinese = Buffer.from(await drawSocialImage({ title: '港口大桥重新开放', categories: ['城市'] }));
    expect(english.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(chinese.subarray(0, 8)).toEqual(english.subarray(0, 8));
    expect(english.equals(Buffer.from(await drawSocialImage({ ...article, title: 'Harbour bridge closes' })))).toBe(false);
    expect(english.equals(chinese)).toBe(false);
  });

  it('is drawn in its turn and may be kept by shared caches as long as a page', async () => {
    const queue = new BoundedQueue(1, 1);
    const response = await socialImageResponse(article, queue, async () => new Uint8Array([1, 2, 3]).buffer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const { pages, staleWhileRevalidate } = siteConfig.sharedCache;
    expect(response.headers.get('cache-control')).toBe(`public, s-maxage=${pages}, stale-while-revalidate=${staleWhileRevalidate}`);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('is refused at once with 503 and Retry-After, never kept, when the line is full, and nothing is drawn', async () => {
    const queue = new BoundedQueue(1, 0);
    const busy = gate();
    const holding = queue.run(busy.task);
    let drawn = 0;
    const response = await socialImageResponse(article, queue, async () => (drawn++, new ArrayBuffer(1)));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(SOCIAL_IMAGE_RETRY_AFTER));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(drawn).toBe(0);
    busy.open();
    await holding;
  });
});
