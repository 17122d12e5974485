// @ts-check
/*
 * Whether the store's database was found unreachable and not yet reachable again: set by the proxy
 * when a request finds the store down, cleared by the next that finds it up. Shared through
 * globalThis by the proxy (bundled) and the page cache (loaded unbundled), which hands out what
 * it keeps as it is meanwhile: a page rendered before the outage is served, not rendered again
 * only to fail.
 */
const slot = Symbol.for('broadsheet.storeOutage');

/** @param {boolean} down */
export function markStoreOutage(down) {
  /** @type {any} */ (globalThis)[slot] = down ? (/** @type {any} */ (globalThis)[slot] ?? Date.now()) : undefined;
}

/** When the outage began, or undefined while the store answers. @returns {number | undefined} */
export function storeOutageSince() {
  return /** @type {any} */ (globalThis)[slot];
}
