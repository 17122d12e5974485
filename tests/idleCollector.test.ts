import { describe, expect, it } from 'vitest';
import { idleCollector } from '@/lib/server/idleCollector';

const MB = 1024 * 1024;

/** A fake server: each step says how busy the last interval was and how big the heap is. */
function fakeServer() {
  const state = { utilization: 0, heapTotal: 100 * MB, heapUsed: 80 * MB, collections: 0 };
  const collector = idleCollector({
    utilization: () => state.utilization,
    heapTotal: () => state.heapTotal,
    heapUsed: () => state.heapUsed,
    collect() {
      state.collections++;
      state.heapTotal = 110 * MB;
      state.heapUsed = 90 * MB;
    },
  });
  const step = (utilization: number, heapTotalMb?: number) => {
    state.utilization = utilization;
    if (heapTotalMb !== undefined) state.heapTotal = heapTotalMb * MB;
    return collector.check();
  };
  return { state, step };
}

describe('idle collector', () => {
  it('collects once when a quiet interval follows growth, never during load', () => {
    const { state, step } = fakeServer();
    expect(step(0.6, 300)).toBe(false); // under load, however big the heap
    expect(step(0.9, 400)).toBe(false);
    expect(step(0.01)).toBe(true); // load over: one collection
    expect(step(0)).toBe(false); // still quiet: not again
    expect(step(0)).toBe(false);
    expect(state.collections).toBe(1);
  });

  it('leaves a heap alone that has not grown, and collects again after the next burst', () => {
    const { state, step } = fakeServer();
    expect(step(0, 105)).toBe(false); // grew by less than the threshold since start
    expect(step(0.5, 300)).toBe(false);
    expect(step(0.001)).toBe(true);
    expect(step(0.4, 115)).toBe(false); // a burst that barely grew the heap
    expect(step(0)).toBe(false);
    expect(step(0.7, 500)).toBe(false);
    expect(step(0)).toBe(true);
    expect(state.collections).toBe(2);
  });
});
