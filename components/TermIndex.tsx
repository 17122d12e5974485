import { SiteLink as Link } from '@/components/SiteLink';
import type { Term } from '@/lib/store';
import type { Taxonomy } from '@/lib/content';
import { getDictionary } from '@/lib/i18n';
import { termUrl } from '@/lib/routing/urls';

/** Every term of a taxonomy with its article count. */
export function TermIndex({ lang, taxonomy, terms }: { lang: string; taxonomy: Taxonomy; terms: readonly Term[] }) {
  const dict = getDictionary(lang);
  return (
    <>
      <h1 className="page-title">{taxonomy === 'categories' ? dict.categories : dict.tags}</h1>
      {terms.length === 0 ? (
        <p className="empty">{dict.noArticles}</p>
      ) : (
        <ul className="term-index">
          {terms.map((term) => (
            <li key={term.slug}>
              <Link href={termUrl(lang, taxonomy, term.slug)}>{term.name}</Link> <span className="count">({term.count})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
