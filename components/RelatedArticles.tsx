import { SiteLink as Link } from '@/components/SiteLink';
import type { ArticleMeta } from '@/lib/content';
import { getDictionary } from '@/lib/i18n';
import { articleUrl } from '@/lib/routing/urls';
import { DateTime } from './DateTime';

/** Articles that share the most with this one (lib/search/relatedArticles.ts), under it. */
export function RelatedArticles({ lang, articles }: { lang: string; articles: readonly ArticleMeta[] }) {
  if (articles.length === 0) return null;
  const dict = getDictionary(lang);
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading" className="related-heading">
        {dict.relatedArticles}
      </h2>
      <ul className="related-list">
        {articles.map((article) => (
          <li key={article.key} className="related-item">
            <Link href={articleUrl(article)}>{article.title}</Link>
            <DateTime className="related-date" epochMs={article.date} lang={lang} />
          </li>
        ))}
      </ul>
    </section>
  );
}
