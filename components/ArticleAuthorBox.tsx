import type { ArticleMeta } from '@/lib/content';
import { getDictionary } from '@/lib/i18n';
import { bylinesOf } from '@/lib/rendering/authors';
import { AuthorBox } from './AuthorBox';
import { AuthorProfile } from './AuthorProfile';

/**
 * Mainroad's author box (`authorbox: true`) for an article: its own authors where it names any
 * (photo, name linking to their page, bio, links), the site's author (site.config.ts) otherwise.
 */
export async function ArticleAuthorBox({ article }: { article: Pick<ArticleMeta, 'lang' | 'authors'> }) {
  const authors = await bylinesOf(article);
  if (authors.length === 0) return <AuthorBox lang={article.lang} />;
  return (
    <aside className="author-box" aria-label={getDictionary(article.lang).aboutTheAuthor}>
      {authors.map((author) => (
        <AuthorProfile key={author.id} lang={article.lang} author={author} />
      ))}
    </aside>
  );
}
