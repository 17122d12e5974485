import { SiteLink as Link } from '@/components/SiteLink';
import type { Taxonomy } from '@/lib/content';
import { termUrl } from '@/lib/routing/urls';

/** Terms as Mainroad's buttons; used for an article's tags and the tag widget. */
export function TermButtons({ lang, taxonomy, terms }: { lang: string; taxonomy: Taxonomy; terms: readonly { name: string; slug: string; count?: number }[] }) {
  if (terms.length === 0) return null;
  return (
    <ul className="term-buttons">
      {terms.map((term) => (
        <li key={term.slug}>
          <Link className="term-button" href={termUrl(lang, taxonomy, term.slug)} rel="tag">
            {term.name}
            {term.count !== undefined ? <span className="count"> {term.count}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
