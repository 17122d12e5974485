/*
 * Interface strings of corrections and labels (issue 29), one table per language of
 * site.config.ts, kept apart from the dictionaries so those stay one file each.
 */
import { siteConfig } from '@/lib/config';
import type { ArticleType } from '@/lib/content/articleType';

export interface EditorialStrings {
  /** The heading of an article's corrections notice, and the corrections page's title. */
  corrections: string;
  /** Said under the corrections page's title. */
  correctionsIntro: string;
  /** The corrections page when there is none. */
  noCorrections: string;
  /** The corrections page: what a correction is to ("Correction to: {title}"), before the article's link. */
  correctionTo: string;
  /** In feeds: "Corrected {date}: {text}" after an item's text. */
  feedCorrection: string;
  /** Each label as readers see it (none is shown for news). */
  labels: Record<ArticleType, string>;
}

const strings: Record<string, EditorialStrings> = {
  en: {
    corrections: 'Corrections',
    correctionsIntro: 'When we get something wrong, we correct it and say so. The latest corrections to our articles, newest first.',
    noCorrections: 'No corrections yet.',
    correctionTo: 'Correction to',
    feedCorrection: 'Corrected {date}: {text}',
    labels: { news: 'News', opinion: 'Opinion', analysis: 'Analysis', review: 'Review', sponsored: 'Sponsored' },
  },
  'zh-CN': {
    corrections: '更正',
    correctionsIntro: '我们出错时会更正并说明。以下是本站文章的最新更正，最新的在前。',
    noCorrections: '暂无更正。',
    correctionTo: '更正文章',
    feedCorrection: '更正（{date}）：{text}',
    labels: { news: '新闻', opinion: '观点', analysis: '分析', review: '评论', sponsored: '赞助内容' },
  },
  'zh-HK': {
    corrections: '更正',
    correctionsIntro: '我們出錯時會更正並說明。以下是本站文章的最新更正，最新的在前。',
    noCorrections: '暫無更正。',
    correctionTo: '更正文章',
    feedCorrection: '更正（{date}）：{text}',
    labels: { news: '新聞', opinion: '觀點', analysis: '分析', review: '評論', sponsored: '贊助內容' },
  },
};

/** A language's strings; a configured language without its own falls back to the default's, then English. */
export function editorialStrings(lang: string): EditorialStrings {
  return strings[lang] ?? strings[siteConfig.defaultLanguage] ?? (strings.en as EditorialStrings);
}
