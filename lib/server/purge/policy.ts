/** Only the site's own tags (pageTags.mjs) name pages a cache in front knows; Next's `_N_T_…` do not. */
const OWN_TAG = /^bs:/;
/**
 * The page cache expires a change's tags twice, the second time 1.5 s later for a render that was
 * in flight (lib/server/revalidation): a page purged outright this recently is purged softly.
 */
const REPEAT_MS = 3000;

/**
 * How each tag the page cache revalidates is purged from the caches in front. What a content
 * change expires (the article, its social image, the lists, terms, feeds and sitemaps that show
 * it) is purged outright: once the cache acknowledges, no reader gets the old page again, so a new
 * article is on its home and a correction on its page within a second. The page cache's second
 * expiry of the same tags (1.5 s later, for a render that was in flight) and the tags it marks
 * stale (sidebars on their timer, everything after a full pass) are purged softly: readers keep
 * the page they had while the cache fetches the new one.
 *
 * Measured with bench:varnish (17,981 articles, a change every 5 s, 32 connections, gzip): lists
 * purged softly too did not lower the news flow's p99 (73.6 ms against 61.3 ms with them purged
 * outright; the still mix 3.3 to 4.5 ms: the site's renders take the cores wrk and Varnish use
 * on this 2-core machine), while a new article took up to 3.5 s to reach its home (577 ms at
 * most outright).
 */
export class PurgePolicy {
  private readonly recent = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  modes(tags: readonly string[], mode: 'expire' | 'stale'): { hard: string[]; soft: string[] } {
    const now = this.now();
    for (const [tag, at] of this.recent) if (now - at > REPEAT_MS) this.recent.delete(tag);
    const hard: string[] = [];
    const soft: string[] = [];
    for (const tag of tags) {
      if (!OWN_TAG.test(tag)) continue;
      if (mode === 'expire' && !this.recent.has(tag)) {
        hard.push(tag);
        this.recent.set(tag, now);
      } else soft.push(tag);
    }
    return { hard, soft };
  }
}
