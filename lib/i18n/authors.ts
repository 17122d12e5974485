/*
 * Interface strings of bylines and author pages (issue 29), one table per language of
 * site.config.ts, kept apart from the dictionaries (as live.ts is) so those stay one file each.
 */
import { siteConfig } from '@/lib/config';

export interface AuthorStrings {
  /** Before a byline's names ("By"); empty where the language puts no word there. */
  by: string;
  /** The accessible name of a byline. */
  byline: string;
  /** Over an author's page (what kind of list it is). */
  author: string;
  /** The list of a language's authors. */
  authors: string;
  /** An author's page: how many articles, "{count}". */
  articlesBy: string;
  /** The heading of an author's links elsewhere. */
  elsewhere: string;
  /** An author page's title: "{name}", with the kind of page. */
  pageTitle: string;
  /** The list of authors when there is none. */
  noAuthors: string;
}

const strings: Record<string, AuthorStrings> = {
  en: {
    by: 'By',
    byline: 'Byline',
    author: 'Author',
    authors: 'Authors',
    articlesBy: '{count} articles',
    elsewhere: 'Elsewhere',
    pageTitle: 'Articles by {name}',
    noAuthors: 'No author has signed an article yet.',
  },
  'zh-CN': {
    by: '作者：',
    byline: '署名',
    author: '作者',
    authors: '作者',
    articlesBy: '共 {count} 篇文章',
    elsewhere: '其他链接',
    pageTitle: '{name}的文章',
    noAuthors: '暂无署名文章。',
  },
  'zh-HK': {
    by: '作者：',
    byline: '署名',
    author: '作者',
    authors: '作者',
    articlesBy: '共 {count} 篇文章',
    elsewhere: '其他連結',
    pageTitle: '{name}的文章',
    noAuthors: '暫無署名文章。',
  },
};

/** A language's strings; a configured language without its own falls back to the default's, then English. */
export function authorStrings(lang: string): AuthorStrings {
  return strings[lang] ?? strings[siteConfig.defaultLanguage] ?? (strings.en as AuthorStrings);
}
