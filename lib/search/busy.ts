/** Thrown when searches are already at their bound: the route answers 503 with Retry-After. */
export class SearchBusy extends Error {
  override readonly name = 'SearchBusy';

  constructor() {
    super('too many searches at once');
  }
}

/**
 * Whether an error is SearchBusy. By name, not `instanceof`: the store is shared through
 * globalThis, and each route bundle carries its own copy of this class.
 */
export function isSearchBusy(error: unknown): boolean {
  return error instanceof Error && error.name === 'SearchBusy';
}
