import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { PageLayout } from '@/components/PageLayout';
import { ArticleJsonLd } from '@/components/ArticleJsonLd';
import { languageFeed, pageMetadata } from '@/lib/rendering/metadata';
import { articleAlternates, loadArticle, loadArticlePage, prerenderedArticles } from '@/lib/rendering/pageData';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { articleUrl } from '@/lib/routing/urls';

// Only the newest articles are built ahead; the rest render on first request and are cached.
export const generateStaticParams = prerenderedArticles;

export async function generateMetadata({ params }: PageProps<'/[lang]/[...slug]'>): Promise<Metadata> {
  const { lang, slug } = await params;
  const article = await loadArticle(lang, slug);
  if (!article) return {};
  return pageMetadata({
    lang,
    path: articleUrl(article),
    title: article.title,
    description: article.description || article.summary || article.excerpt,
    alternates: await articleAlternates(article),
    feed: languageFeed(lang),
    article,
  });
}

export default async function ArticlePage({ params }: PageProps<'/[lang]/[...slug]'>) {
  const { lang, slug } = await params;
  const data = await loadArticlePage(lang, slug);
  if (!data) notFound();
  return (
    <PageLayout lang={lang} sidebar={sidebarFor('single', data.article)} alternates={data.alternates}>
      <ArticleJsonLd article={data.article} live={data.live} />
      <ArticleView {...data} />
    </PageLayout>
  );
}
