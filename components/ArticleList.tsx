import type { ArticleMeta } from '@/lib/content';
import { getDictionary } from '@/lib/i18n';
import type { Paged } from '@/lib/rendering/pagination';
import { ArticleListItem } from './ArticleListItem';
import { Pagination } from './Pagination';

/** A paginated list of articles, as on the home and term pages. */
export function ArticleList({ lang, paged, urlFor }: { lang: string; paged: Paged<ArticleMeta>; urlFor: (page: number) => string }) {
  if (paged.items.length === 0) return <p className="empty">{getDictionary(lang).noArticles}</p>;
  return (
    <>
      <div className="article-list">
        {paged.items.map((article, i) => (
          <ArticleListItem key={article.key} article={article} eagerImage={i < 2} />
        ))}
      </div>
      <Pagination lang={lang} page={paged.page} totalPages={paged.totalPages} urlFor={urlFor} />
    </>
  );
}
