/**
 * An article's label (front matter `type:`): what kind of writing it is, shown to readers on the
 * article and in lists and told to search engines through its JSON-LD type. News is the default
 * and carries no label.
 */
export const articleTypes = ['news', 'opinion', 'analysis', 'review', 'sponsored'] as const;
export type ArticleType = (typeof articleTypes)[number];

export function isArticleType(value: unknown): value is ArticleType {
  return typeof value === 'string' && (articleTypes as readonly string[]).includes(value);
}

/** schema.org's type for each label (NewsArticle's subtypes; sponsored content is the advertiser's). */
export const jsonLdTypes: Record<ArticleType, string> = {
  news: 'NewsArticle',
  opinion: 'OpinionNewsArticle',
  analysis: 'AnalysisNewsArticle',
  review: 'ReviewNewsArticle',
  sponsored: 'AdvertiserContentArticle',
};

/** The label of an article as stored: absent means news. */
export function typeOf(article: { type?: ArticleType }): ArticleType {
  return article.type ?? 'news';
}

/** Sponsored content: links in it get rel="sponsored", and it stays out of the Google News sitemap. */
export function isSponsored(article: { type?: ArticleType }): boolean {
  return article.type === 'sponsored';
}
