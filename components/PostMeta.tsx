import Link from 'next/link';
import type { ArticleMeta } from '@/lib/content';
import { termSlug } from '@/lib/content/terms';
import { getDictionary } from '@/lib/i18n';
import { languageName } from '@/lib/config';
import { articleUrl, termUrl } from '@/lib/urls';
import { DateTime } from './DateTime';

/** Date and category links under a title, in lists and on the article. */
export function PostMeta({ article, translations = [] }: { article: ArticleMeta; translations?: readonly ArticleMeta[] }) {
  const dict = getDictionary(article.lang);
  return (
    <div className="post-meta">
      <span className="meta-item meta-date">
        <span className="visually-hidden">{dict.published} </span>
        <DateTime epochMs={article.date} />
      </span>
      {article.lastmod && article.lastmod !== article.date ? (
        <span className="meta-item meta-lastmod">
          {dict.lastModified} <DateTime epochMs={article.lastmod} />
        </span>
      ) : null}
      {article.categories.length > 0 ? (
        <span className="meta-item meta-categories">
          <span className="visually-hidden">{dict.categories}: </span>
          {article.categories.map((name, i) => (
            <span key={name}>
              {i > 0 ? ', ' : null}
              <Link href={termUrl(article.lang, 'categories', termSlug(name))} rel="category">
                {name}
              </Link>
            </span>
          ))}
        </span>
      ) : null}
      {translations.length > 0 ? (
        <span className="meta-item meta-translations">
          {dict.alsoIn}:{' '}
          {translations.map((translation, i) => (
            <span key={translation.lang}>
              {i > 0 ? ', ' : null}
              <Link href={articleUrl(translation)} hrefLang={translation.lang} lang={translation.lang}>
                {languageName(translation.lang)}
              </Link>
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}
