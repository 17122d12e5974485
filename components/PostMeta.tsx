import { SiteLink as Link } from '@/components/SiteLink';
import type { ReactNode } from 'react';
import { languageName, siteConfig } from '@/lib/config';
import type { PostMetaItem } from '@/lib/config/types';
import type { ArticleMeta } from '@/lib/content';
import { termSlug } from '@/lib/content/terms';
import { getDictionary } from '@/lib/i18n';
import { articleUrl, termUrl } from '@/lib/routing/urls';
import { DateTime } from './DateTime';
import { Byline } from './Byline';
import { UpdatedTime } from './UpdatedTime';

/** The line under a title, in lists and on the article: the items site.config.ts `postMeta` names, in its order. */
export function PostMeta({ article, translations = [] }: { article: ArticleMeta; translations?: readonly ArticleMeta[] }) {
  const dict = getDictionary(article.lang);
  const items: Record<PostMetaItem, () => ReactNode> = {
    author: () =>
      siteConfig.author && !article.authors?.length ? (
        <span key="author" className="meta-item meta-author">
          {siteConfig.author.name}
        </span>
      ) : null,
    date: () => (
      <span key="date" className="meta-item meta-date">
        <span className="visually-hidden">{dict.published} </span>
        <DateTime epochMs={article.date} lang={article.lang} />
        <UpdatedTime article={article} />
      </span>
    ),
    categories: () =>
      article.categories.length > 0 ? (
        <span key="categories" className="meta-item meta-categories">
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
      ) : null,
    translations: () =>
      translations.length > 0 ? (
        <span key="translations" className="meta-item meta-translations">
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
      ) : null,
  };
  return (
    <div className="post-meta">
      {/* The article's own authors (issue 29), whatever postMeta lists; the site's author item gives way to them. */}
      {article.authors?.length ? <Byline article={article} /> : null}
      {siteConfig.postMeta.map((item) => items[item]())}
    </div>
  );
}
