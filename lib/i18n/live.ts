/*
 * Interface strings of live pages and breaking news (issue 29), one table per language of
 * site.config.ts, kept apart from the dictionaries so those stay one file each.
 */
import { siteConfig } from '@/lib/config';

export interface LiveStrings {
  /** The badge of a live page, in lists and on the page. */
  live: string;
  /** Said on a live page whose coverage ended (`live: false`). */
  ended: string;
  /** The heading of the entries (for screen readers). */
  updates: string;
  /** The label of the breaking-news line. */
  breaking: string;
  /** The breaking-news frame's title (for screen readers). */
  breakingFrame: string;
}

const strings: Record<string, LiveStrings> = {
  en: { live: 'Live', ended: 'Live coverage has ended', updates: 'Updates', breaking: 'Breaking', breakingFrame: 'Breaking news' },
  'zh-CN': { live: '直播', ended: '直播已结束', updates: '最新动态', breaking: '突发', breakingFrame: '突发新闻' },
  'zh-HK': { live: '直播', ended: '直播已結束', updates: '最新動態', breaking: '突發', breakingFrame: '突發新聞' },
};

/** A language's strings; a configured language without its own falls back to the default's, then English. */
export function liveStrings(lang: string): LiveStrings {
  return strings[lang] ?? strings[siteConfig.defaultLanguage] ?? (strings.en as LiveStrings);
}
