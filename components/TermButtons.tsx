import Link from 'next/link';
import type { Taxonomy, Term } from '@/lib/content';
import { termUrl } from '@/lib/urls';

/** Terms as Mainroad's buttons; used for an article's tags and the tag widget. */
export function TermButtons({
  lang,
  taxonomy,
  terms,
  showCounts = false,
}: {
  lang: string;
  taxonomy: Taxonomy;
  terms: readonly Pick<Term, 'name' | 'slug' | 'articles'>[];
  showCounts?: boolean;
}) {
  if (terms.length === 0) return null;
  return (
    <ul className="term-buttons">
      {terms.map((term) => (
        <li key={term.slug}>
          <Link className="term-button" href={termUrl(lang, taxonomy, term.slug)} rel="tag">
            {term.name}
            {showCounts ? <span className="count"> {term.articles.length}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
