import { describe, expect, it } from 'vitest';
import { deferred } from '@/lib/store/deferred';
import { isConnectionError } from '@/lib/store/postgres/connection';
import { isStoreUnavailable, StoreUnavailable } from '@/lib/store/unavailable';

interface Counter {
  add(value: number): Promise<number>;
  fail(): Promise<never>;
}

describe('a store handed out before it is open (deferred)', () => {
  it('waits for the store to open, then calls through with the arguments', async () => {
    let open!: (counter: Counter) => void;
    const counter = deferred<Counter>(new Promise((resolve) => (open = resolve)));
    let total = 10;
    const answer = counter.add(5);
    open({ add: async (value) => (total += value), fail: async () => Promise.reject(new Error('query failed')) });
    await expect(answer).resolves.toBe(15);
    await expect(counter.add(1)).resolves.toBe(16);
  });

  it('turns an engine’s errors, and a failure to open, into what `failed` makes of them', async () => {
    const unreachable = deferred<Counter>(Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), (error) =>
      isConnectionError(error) ? new StoreUnavailable((error as Error).message) : error,
    );
    const failure = await unreachable.add(1).catch((error: unknown) => error);
    expect(isStoreUnavailable(failure)).toBe(true);

    const broken = deferred<Counter>(Promise.resolve({ add: async () => 0, fail: async () => Promise.reject(new Error('syntax error')) }), (error) =>
      isConnectionError(error) ? new StoreUnavailable('down') : error,
    );
    await expect(broken.fail()).rejects.toThrow('syntax error');
  });

  it('is not itself a promise, and keeps what is set on it', async () => {
    const store = deferred<Counter & { engine?: string }>(new Promise(() => undefined));
    expect((store as unknown as { then?: unknown }).then).toBeUndefined();
    // An async function returning it must not wait for it to open.
    await expect((async () => store)()).resolves.toBe(store);
    Object.assign(store, { engine: 'postgres' });
    expect(store.engine).toBe('postgres');
  });
});

describe('which PostgreSQL errors mean “down, try again” (isConnectionError)', () => {
  it.each([
    ['refused', { code: 'ECONNREFUSED' }],
    ['reset', { code: 'ECONNRESET' }],
    ['admin shutdown', { code: '57P01' }],
    ['starting up', { code: '57P03' }],
    ['too many connections', { code: '53300' }],
    ['connection exception class', { code: '08006' }],
    ['pool terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s is a connection error', (_what, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a syntax error', { code: '42601' }],
    ['a unique violation', { code: '23505' }],
    ['a plain error', new Error('something else')],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
