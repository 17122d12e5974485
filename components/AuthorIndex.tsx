import { SiteLink as Link } from '@/components/SiteLink';
import { authorStrings } from '@/lib/i18n/authors';
import type { AuthorView } from '@/lib/rendering/authors';

/** A language's authors with their article counts (/{lang}/authors). */
export function AuthorIndex({ lang, authors }: { lang: string; authors: readonly { author: AuthorView; count: number }[] }) {
  const strings = authorStrings(lang);
  return (
    <>
      <h1 className="page-title">{strings.authors}</h1>
      {authors.length === 0 ? (
        <p className="empty">{strings.noAuthors}</p>
      ) : (
        <ul className="author-index">
          {authors.map(({ author, count }) => (
            <li key={author.id}>
              <Link href={author.url}>{author.name}</Link> <span className="count">({count})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
