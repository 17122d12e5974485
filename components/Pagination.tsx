import { SiteLink as Link } from '@/components/SiteLink';
import { fill, getDictionary } from '@/lib/i18n';

/** Mainroad's "N/M" pager for lists, with previous and next links. */
export function Pagination({ lang, page, totalPages, urlFor }: { lang: string; page: number; totalPages: number; urlFor: (page: number) => string }) {
  if (totalPages <= 1) return null;
  const dict = getDictionary(lang);
  return (
    <nav className="pagination" aria-label={fill(dict.pageOf, { page, total: totalPages })}>
      {page > 1 ? (
        <Link className="pagination-prev" href={urlFor(page - 1)} rel="prev">
          ‹ {dict.previousPage}
        </Link>
      ) : (
        <span className="pagination-prev disabled" aria-hidden="true">
          ‹ {dict.previousPage}
        </span>
      )}
      <span className="pagination-current" aria-current="page">
        {page}/{totalPages}
      </span>
      {page < totalPages ? (
        <Link className="pagination-next" href={urlFor(page + 1)} rel="next">
          {dict.nextPage} ›
        </Link>
      ) : (
        <span className="pagination-next disabled" aria-hidden="true">
          {dict.nextPage} ›
        </span>
      )}
    </nav>
  );
}
