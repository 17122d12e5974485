import { siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content';
import { thumbnailUrl } from '@/lib/rendering/thumbnails';
import { absoluteUrl, articleUrl, homeUrl, socialImageUrl } from '@/lib/routing/urls';
import type { LivePage } from '@/lib/rendering/live/livePage';
import { newsroomJsonLd } from '@/lib/rendering/live/newsroomJsonLd';
import { articleAuthorJsonLd } from '@/lib/rendering/authorJsonLd';
import { editorialJsonLd } from '@/lib/rendering/editorial/editorialJsonLd';

/** schema.org NewsArticle for search engines, in a JSON-LD script (data, not code). */
export async function ArticleJsonLd({ article, live }: { article: ArticleMeta; live?: LivePage }) {
  const site = (path: string) => absoluteUrl(siteConfig.baseUrl, path);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.description || article.summary || undefined,
    datePublished: new Date(article.date).toISOString(),
    dateModified: new Date(article.lastmod ?? article.date).toISOString(),
    inLanguage: article.lang,
    mainEntityOfPage: site(articleUrl(article)),
    image: [thumbnailUrl(article)?.url ?? site(socialImageUrl(article))],
    articleSection: article.categories[0],
    keywords: article.tags.length > 0 ? article.tags.join(', ') : undefined,
    // Each byline a Person with their page (issue 29); the site's author where the article names none.
    author: await articleAuthorJsonLd(article),
    publisher: {
      '@type': 'Organization',
      name: siteConfig.title,
      url: site(homeUrl(article.lang)),
      logo: { '@type': 'ImageObject', url: site('/favicon.svg') },
    },
    // Labels and corrections (issue 29): the type by label, dateModified, correction.
    ...editorialJsonLd(article),
    // Schedules and live pages (issue 29): LiveBlogPosting, liveBlogUpdate, expires.
    ...newsroomJsonLd(article, live),
  };
  // "<" is escaped so that text in a title can never close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
