import { Fragment } from 'react';
import { SiteLink as Link } from '@/components/SiteLink';
import type { ArticleMeta } from '@/lib/content';
import { authorStrings } from '@/lib/i18n/authors';
import { bylinesOf } from '@/lib/rendering/authors';

/**
 * An article's byline (front matter `author:`), in lists and on the article: each author's name
 * as their file describes them (or as written) linking to their page, joined as the language
 * joins a list ("A, B and C", "甲、乙和丙").
 */
export async function Byline({ article }: { article: Pick<ArticleMeta, 'lang' | 'authors'> }) {
  const authors = await bylinesOf(article);
  if (authors.length === 0) return null;
  const strings = authorStrings(article.lang);
  const parts = new Intl.ListFormat(article.lang, { type: 'conjunction' }).formatToParts(authors.map((author) => author.name));
  let index = 0;
  return (
    <span className="meta-item meta-byline">
      {strings.by}
      {strings.by.endsWith('：') ? null : ' '}
      {parts.map((part, i) => {
        if (part.type !== 'element') return <Fragment key={i}>{part.value}</Fragment>;
        const author = authors[index++];
        return author ? (
          <Link key={i} href={author.url} rel="author" className="byline-author">
            {author.name}
          </Link>
        ) : null;
      })}
    </span>
  );
}
