import { SiteLink as Link } from '@/components/SiteLink';
import type { ArticleMeta } from '@/lib/content';
import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { thumbnailFor } from '@/lib/rendering/thumbnails';
import { articleUrl } from '@/lib/routing/urls';
import { PostMeta } from './PostMeta';
import { Thumbnail } from './Thumbnail';
import { LiveBadge } from './LiveBadge';
import { ArticleLabel } from './ArticleLabel';

/** One entry of a list: thumbnail, title, meta, lead and summary (or an excerpt of the body). */
export function ArticleListItem({ article, eagerImage }: { article: ArticleMeta; eagerImage?: boolean }) {
  const href = articleUrl(article);
  const thumbnail = thumbnailFor(article, 'list');
  const text = article.summary || article.excerpt;
  const readMore = getDictionary(article.lang).readMore;
  return (
    <article className={`list-item${thumbnail ? ' has-thumbnail' : ''}`}>
      {thumbnail ? <Thumbnail thumbnail={thumbnail} alt={article.title} href={href} eager={eagerImage} /> : null}
      <div className="list-item-body">
        <h2 className="list-item-title">
          {article.live ? <LiveBadge lang={article.lang} /> : null}
          <ArticleLabel article={article} />
          <Link href={href}>{article.title}</Link>
        </h2>
        <PostMeta article={article} />
      </div>
      {article.lead ? <p className="lead">{article.lead}</p> : null}
      {text ? <p className="list-item-summary">{text}</p> : null}
      {siteConfig.readMore ? (
        <p className="read-more">
          {/* The link's text names the article it leads to (for screen readers and search engines) and starts with what is shown. */}
          <Link href={href}>
            <span className="visually-hidden">{`${readMore}: ${article.title}`}</span>
            <span aria-hidden="true">{readMore}</span>
          </Link>
        </p>
      ) : null}
    </article>
  );
}
