import { SIDEBAR_GROUPS } from '@/lib/server/pageCache/pageTags.mjs';

/**
 * When each sidebar group of a language next refreshes after a change at `now`: group g at the
 * next moment of the clock that is g/SIDEBAR_GROUPS of the way through a `periodMs` cycle. Every
 * page thus shows a change within one period, each group refreshes at most once a period however
 * many articles arrive, and the groups' renders are spread evenly over it, where a single timer
 * made every cached page of the language render again at the same moment (at 32 readers on 3,000
 * pages, throughput fell to a third for a minute). On the wall clock, so that instances agree.
 */
export function sidebarDelays(now: number, periodMs: number, groups = SIDEBAR_GROUPS): number[] {
  const step = periodMs / groups;
  return Array.from({ length: groups }, (_, group) => {
    const delay = (((group * step - now) % periodMs) + periodMs) % periodMs;
    return Math.round(delay);
  });
}
