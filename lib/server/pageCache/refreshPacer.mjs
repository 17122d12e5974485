// @ts-check
/*
 * Paces the background renders that bring sidebars up to date. A sidebar refresh marks a group of
 * pages stale; each of them, the next time it is asked for, is served as it is while Next.js
 * renders it afresh in the background. Every page readers keep asking for is then rendered once
 * more per `sidebarRefresh`: on 3,000 pages in demand, ten renders a second, all on the one
 * thread that also answers readers. Measured at 10x (180,000 articles) behind nginx, the renders
 * of one refresh period took the origin from 4,500 requests a second to 416, with timeouts, and
 * new articles then missed their home's 5 s.
 *
 * So one such render runs at a time, and the next starts only after a pause that keeps them to a
 * share of the time (by default a fifth): a render that took 40 ms is followed by 160 ms in which
 * stale sidebars are served as they are. Under light load the pause is short and sidebars catch
 * up within `sidebarRefresh`; under heavy load they lag, and readers are answered first. Renders
 * for content that changed (expired pages) are never paced: those pages are rendered before they
 * are served.
 */

/** A render that never reports back (it failed) frees its turn after this long. */
const ABANDONED_MS = 10_000;

export class RefreshPacer {
  /**
   * @param {{ share?: number; now?: () => number }} [options] `share`: the part of the time, above 0 and
   * at most 1, that sidebar renders may take.
   */
  constructor(options = {}) {
    const share = options.share ?? 0.2;
    this.pauseFactor = share > 0 && share < 1 ? (1 - share) / share : 0;
    this.now = options.now ?? (() => performance.now());
    /** @type {{ key: string; since: number } | undefined} */
    this.running = undefined;
    this.nextStart = 0;
  }

  /** May the page at `key` be rendered afresh in the background now? If so, its turn begins. @param {string} key */
  mayStart(key) {
    const now = this.now();
    if (this.running && now - this.running.since < ABANDONED_MS) return false;
    if (this.running) this.running = undefined;
    if (now < this.nextStart) return false;
    this.running = { key, since: now };
    return true;
  }

  /** The page at `key` was written: if it was the paced render, the pause before the next begins. @param {string} key */
  finished(key) {
    if (this.running?.key !== key) return;
    const now = this.now();
    this.nextStart = now + (now - this.running.since) * this.pauseFactor;
    this.running = undefined;
  }
}

/**
 * When a cached page went stale for a refresh of its sidebar (or of every page), if that is all
 * that happened to it: no tag of it expired since it was rendered (its content changed), and some
 * tag went stale since then.
 * @param {{ lastModified: number; value: any }} entry
 * @param {Map<string, { stale?: number; expired?: number }>} manifest
 * @returns {number | undefined} the latest stale mark
 */
export function staleOnlySince(entry, manifest) {
  const tags = entry.value?.headers?.['x-next-cache-tags'];
  if (typeof tags !== 'string' || manifest.size === 0) return undefined;
  let staleAt = 0;
  for (const tag of tags.split(',')) {
    const state = manifest.get(tag);
    if (!state) continue;
    if ((state.expired ?? 0) > entry.lastModified) return undefined;
    if ((state.stale ?? 0) > staleAt) staleAt = state.stale ?? 0;
  }
  return staleAt > entry.lastModified ? staleAt : undefined;
}
