import { SiteLink as Link } from '@/components/SiteLink';
import { authorStrings } from '@/lib/i18n/authors';
import type { AuthorView } from '@/lib/rendering/authors';

/**
 * One author's photo, name, bio and links: in the author box after an article (`authorbox:
 * true`, the name linking to their page) and at the top of their page (`heading`: the name is the
 * page's heading).
 */
export function AuthorProfile({ lang, author, heading = false }: { lang: string; author: AuthorView; heading?: boolean }) {
  const strings = authorStrings(lang);
  return (
    <div className="author-profile">
      {/* eslint-disable-next-line @next/next/no-img-element -- a photo the author file names, any host */}
      {author.photo ? <img className="author-avatar" src={author.photo} alt="" width={72} height={72} loading={heading ? 'eager' : 'lazy'} /> : null}
      <div>
        {heading ? (
          <h1 className="page-title author-name">{author.name}</h1>
        ) : (
          <p className="author-name">
            <Link href={author.url} rel="author">
              {author.name}
            </Link>
          </p>
        )}
        {author.bio ? <p className="author-bio">{author.bio}</p> : null}
        {author.links.length > 0 ? (
          <ul className="author-links" aria-label={`${strings.elsewhere}: ${author.name}`}>
            {author.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="me noopener">
                  {link.name ?? new URL(link.url).host}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
