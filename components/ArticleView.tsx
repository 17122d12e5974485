import type { ArticleMeta } from '@/lib/content';
import { termSlug } from '@/lib/content/terms';
import { getDictionary } from '@/lib/i18n';
import type { TocEntry } from '@/lib/rendering/markdown/render';
import { thumbnailFor } from '@/lib/rendering/thumbnails';
import { siteConfig } from '@/lib/config';
import { Comments } from './Comments';
import { ArticleAuthorBox } from './ArticleAuthorBox';
import { Pager } from './Pager';
import { PostMeta } from './PostMeta';
import { RelatedArticles } from './RelatedArticles';
import { TableOfContents } from './TableOfContents';
import { TermButtons } from './TermButtons';
import { Thumbnail } from './Thumbnail';
import type { LivePage } from '@/lib/rendering/live/livePage';
import { LiveBadge } from './LiveBadge';
import { LiveBlog } from './LiveBlog';
import { ArticleLabel } from './ArticleLabel';
import { CorrectionsNotice } from './CorrectionsNotice';

/** The article page's content column. `html` is already sanitized by lib/rendering/markdown. */
export function ArticleView({
  article,
  html,
  toc,
  translations,
  newer,
  older,
  related,
  live,
}: {
  article: ArticleMeta;
  html: string;
  toc: readonly TocEntry[];
  translations: readonly ArticleMeta[];
  newer?: ArticleMeta;
  older?: ArticleMeta;
  related: readonly ArticleMeta[];
  /** A live page's entries (`live:` in front matter). */
  live?: LivePage;
}) {
  const dict = getDictionary(article.lang);
  const thumbnail = thumbnailFor(article, 'post');
  const tags = article.tags.map((name) => ({ name, slug: termSlug(name) }));
  return (
    <article className="post">
      <header className="post-header">
        {article.live ? <LiveBadge lang={article.lang} /> : null}
        <ArticleLabel article={article} />
        <h1 className="post-title">{article.title}</h1>
        <PostMeta article={article} translations={translations} />
      </header>
      {/* KaTeX's stylesheet and fonts, served from this site, only where there is math (React hoists it into <head>). */}
      {/* eslint-disable-next-line @next/next/no-css-tags -- a stylesheet for one page type; next/head does not exist in the App Router */}
      {article.mathjax ? <link rel="stylesheet" href="/vendor/katex/katex.min.css" precedence="default" /> : null}
      {thumbnail ? <Thumbnail thumbnail={thumbnail} alt={article.title} eager /> : null}
      {article.lead ? <p className="lead">{article.lead}</p> : null}
      {article.toc ? <TableOfContents lang={article.lang} entries={toc} /> : null}
      {live ? <LiveBlog lang={article.lang} page={live} /> : <div className="post-content" dangerouslySetInnerHTML={{ __html: html }} />}
      <CorrectionsNotice article={article} />
      {tags.length > 0 ? (
        <footer className="post-tags">
          <h2 className="visually-hidden">{dict.tags}</h2>
          <TermButtons lang={article.lang} taxonomy="tags" terms={tags} />
        </footer>
      ) : null}
      <RelatedArticles lang={article.lang} articles={related} />
      {article.authorbox ? <ArticleAuthorBox article={article} /> : null}
      {article.comments && siteConfig.comments ? <Comments config={siteConfig.comments} lang={article.lang} /> : null}
      {article.pager ? <Pager lang={article.lang} newer={newer} older={older} /> : null}
    </article>
  );
}
