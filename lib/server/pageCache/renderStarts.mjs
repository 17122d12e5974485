// @ts-check
/*
 * When the render behind each page being cached began. A render that began before a content
 * change and ended after the change marked its page holds what was there before: cached as if
 * fresh, it would be served until the next change, and a cache in front that fetched the page
 * meanwhile (Next.js hands every request for a page being rendered the one render's result)
 * would keep it for good. So the page cache dates each page by when its render began, not when
 * it ended, and tells the caches in front to fetch again a page whose tags changed in between.
 */

/** A render's start is forgotten after this long without its result (it failed, or was dropped). */
export const RENDER_START_MS = 60_000;
/** Past this many pages awaiting their render, starts older than RENDER_START_MS are dropped. */
const PRUNE_AT = 10_000;

export class RenderStarts {
  /** @param {() => number} now */
  constructor(now) {
    this.now = now;
    /** @type {Map<string, number>} */
    this.starts = new Map();
  }

  /** A render of `key` is about to begin (the cache had no fresh copy): the earliest such moment is kept. @param {string} key */
  starting(key) {
    const now = this.now();
    const since = this.starts.get(key);
    if (since === undefined || now - since > RENDER_START_MS) this.starts.set(key, now);
    if (this.starts.size > PRUNE_AT) for (const [other, at] of this.starts) if (now - at > RENDER_START_MS) this.starts.delete(other);
  }

  /** The render of `key` ended: when it began, if known. @param {string} key @returns {number | undefined} */
  finished(key) {
    const since = this.starts.get(key);
    this.starts.delete(key);
    return since !== undefined && this.now() - since <= RENDER_START_MS ? since : undefined;
  }
}

/**
 * The tags of `tagList` that were marked (expired or stale) after `since` and by `until`.
 * @param {readonly string[]} tagList
 * @param {Map<string, { expired?: number; stale?: number }>} manifest
 * @param {number} since
 * @param {number} until
 */
export function tagsMarkedBetween(tagList, manifest, since, until) {
  return tagList.filter((tag) => {
    const state = manifest.get(tag);
    if (!state) return false;
    return [state.expired, state.stale].some((at) => at !== undefined && at > since && at <= until);
  });
}
