import type { ArticleMeta } from '@/lib/content/types';

/** Index metadata for a test article: every field at its default, `slug` and `lang` deciding key and file. */
export function articleMeta(lang: string, slug: string[], fields: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    lang,
    slug,
    key: `${lang}/${slug.join('/')}`,
    file: `${lang}/${slug.join('/')}.md`,
    title: slug.at(-1) ?? '',
    date: 0,
    summary: '',
    categories: [],
    tags: [],
    translations: [],
    menu: [],
    lead: '',
    comments: false,
    authorbox: false,
    pager: true,
    toc: false,
    mathjax: false,
    draft: false,
    unpublish: false,
    aliases: [],
    excerpt: '',
    ...fields,
  };
}
