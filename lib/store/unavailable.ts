/** Seconds a page the store could not answer for asks the reader (or a cache) to wait. */
export const STORE_RETRY_AFTER = 5;

/**
 * The store cannot be reached now (its database is down, restarting or refusing connections):
 * a page already cached is served as it is, one that is not answers 503 with Retry-After, never a
 * 500 a cache would keep. Thrown by an engine for exactly that, and nothing else.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';

  constructor(reason: string) {
    super(`the store cannot be reached: ${reason}`);
  }
}

/** By name, not `instanceof`: the store is shared through globalThis, and each route bundle carries its own copy of this class. */
export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof Error && error.name === 'StoreUnavailable';
}
