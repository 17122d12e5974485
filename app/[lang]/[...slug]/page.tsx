import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { PageLayout } from '@/components/PageLayout';
import { loadArticle, loadArticlePage, prerenderedArticles } from '@/lib/pageData';
import { sidebarFor } from '@/lib/sidebar';

// Only the newest articles are built ahead; the rest render on first request and are cached.
export const generateStaticParams = prerenderedArticles;

export async function generateMetadata({ params }: PageProps<'/[lang]/[...slug]'>): Promise<Metadata> {
  const { lang, slug } = await params;
  const article = await loadArticle(lang, slug);
  if (!article) return {};
  return { title: article.title, description: article.description ?? article.summary };
}

export default async function ArticlePage({ params }: PageProps<'/[lang]/[...slug]'>) {
  const { lang, slug } = await params;
  const data = await loadArticlePage(lang, slug);
  if (!data) notFound();
  return (
    <PageLayout lang={lang} sidebar={sidebarFor('single', data.article)} alternates={data.alternates}>
      <ArticleView {...data} />
    </PageLayout>
  );
}
