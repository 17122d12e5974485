import type { ArticleMeta } from '@/lib/content';
import { termSlug } from '@/lib/content/terms';
import { getDictionary } from '@/lib/i18n';
import { Pager } from './Pager';
import { PostMeta } from './PostMeta';
import { TermButtons } from './TermButtons';
import { Thumbnail } from './Thumbnail';

/** The article page's content column. `html` is already sanitized by lib/markdown. */
export function ArticleView({ article, html, newer, older }: { article: ArticleMeta; html: string; newer?: ArticleMeta; older?: ArticleMeta }) {
  const dict = getDictionary(article.lang);
  const tags = article.tags.map((name) => ({ name, slug: termSlug(name) }));
  return (
    <article className="post">
      <header className="post-header">
        <h1 className="post-title">{article.title}</h1>
        <PostMeta article={article} />
      </header>
      {article.thumbnail?.inPost ? <Thumbnail thumbnail={article.thumbnail} alt={article.title} eager /> : null}
      {article.lead ? <p className="lead">{article.lead}</p> : null}
      <div className="post-content" dangerouslySetInnerHTML={{ __html: html }} />
      {tags.length > 0 ? (
        <footer className="post-tags">
          <h2 className="visually-hidden">{dict.tags}</h2>
          <TermButtons lang={article.lang} taxonomy="tags" terms={tags} />
        </footer>
      ) : null}
      {article.pager ? <Pager lang={article.lang} newer={newer} older={older} /> : null}
    </article>
  );
}
