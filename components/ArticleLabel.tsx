import { type ArticleType, typeOf } from '@/lib/content/articleType';
import { editorialStrings } from '@/lib/i18n/editorial';

/**
 * The label of an article that is not plain news ("Opinion", "Sponsored"), beside its title in
 * lists and on the page: visible text, so every reader (and a screen reader) meets it before the title.
 */
export function ArticleLabel({ article }: { article: { lang: string; type?: ArticleType } }) {
  const type = typeOf(article);
  if (type === 'news') return null;
  return <span className={`article-label article-label-${type}`}>{editorialStrings(article.lang).labels[type]}</span>;
}
