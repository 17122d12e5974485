import { localize, siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { warnOnce } from '@/lib/config/warnOnce';

/** The site author's avatar, name and bio after the article (front matter `authorbox: true`). */
export function AuthorBox({ lang }: { lang: string }) {
  const author = siteConfig.author;
  if (!author) {
    warnOnce('[config] an article asks for an author box, but site.config.ts has no author; box skipped');
    return null;
  }
  const bio = localize(author.bio, lang);
  return (
    <aside className="author-box" aria-label={getDictionary(lang).aboutTheAuthor}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      {author.avatar ? <img className="author-avatar" src={author.avatar} alt="" width={72} height={72} loading="lazy" /> : null}
      <div>
        <p className="author-name">{author.name}</p>
        {bio ? <p className="author-bio">{bio}</p> : null}
      </div>
    </aside>
  );
}
