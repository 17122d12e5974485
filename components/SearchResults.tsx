import { SiteLink as Link } from '@/components/SiteLink';
import { fill, getDictionary } from '@/lib/i18n';
import type { SearchResponse } from '@/lib/search';
import { articleUrl } from '@/lib/routing/urls';
import { Highlighted } from './Highlighted';
import { Pagination } from './Pagination';
import { PostMeta } from './PostMeta';

/** Search results: linked title, date and category, and a snippet, with the matches marked. */
export function SearchResults({ lang, response, urlFor }: { lang: string; response: SearchResponse; urlFor: (page: number) => string }) {
  const dict = getDictionary(lang);
  return (
    <>
      <p className="search-count" role="status">
        {fill(dict.searchResultCount, { count: response.total.toLocaleString(dict.locale) })}
      </p>
      <ol className="search-results">
        {response.results.map(({ article, title, snippet }) => (
          <li key={article.key} className="search-result" lang={article.lang === lang ? undefined : article.lang}>
            <h2 className="list-item-title">
              <Link href={articleUrl(article)}>
                <Highlighted segments={title} />
              </Link>
            </h2>
            <PostMeta article={article} />
            <p className="search-snippet">
              <Highlighted segments={snippet} />
            </p>
          </li>
        ))}
      </ol>
      <Pagination lang={lang} page={response.page} totalPages={response.totalPages} urlFor={urlFor} />
    </>
  );
}
