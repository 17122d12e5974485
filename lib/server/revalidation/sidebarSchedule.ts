import { SIDEBAR_GROUPS } from '@/lib/server/pageCache/pageTags.mjs';

/**
 * When each sidebar group of a language refreshes after a change. A single timer made every
 * cached page of a language render again at the same moment (at 32 readers on 3,000 pages,
 * throughput fell to a third for a minute). Here, after a quiet spell, group g refreshes
 * (1 + g/groups)/2 of the period after the change: none sooner than half the period (a page the
 * change did not touch keeps being served as it is), all within it, evenly spread. While changes
 * keep coming, each group refreshes again one period after its last refresh, never sooner, so
 * the groups keep their spread and each page renders at most once a period for its sidebar.
 */
export class SidebarSchedule {
  private readonly lastRefresh = new Map<string, number>();

  constructor(
    private readonly periodMs: number,
    private readonly groups = SIDEBAR_GROUPS,
  ) {}

  /** The delay of each group's refresh after a change in `lang` at `now`. */
  delays(lang: string, now: number): number[] {
    const half = this.periodMs / 2;
    return Array.from({ length: this.groups }, (_, group) => {
      const spread = half + (group * half) / this.groups;
      const last = this.lastRefresh.get(`${lang}\u0000${group}`);
      return Math.round(Math.max(spread, last === undefined ? 0 : last + this.periodMs - now));
    });
  }

  /** Records a group's refresh. */
  refreshed(lang: string, group: number, at: number): void {
    this.lastRefresh.set(`${lang}\u0000${group}`, at);
  }
}
