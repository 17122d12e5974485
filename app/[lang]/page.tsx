import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/ArticleList';
import { PageLayout } from '@/components/PageLayout';
import { languageFeed, pageMetadata } from '@/lib/rendering/metadata';
import { homeAlternates, loadListPage } from '@/lib/rendering/pageData';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { homeUrl, listPageUrl } from '@/lib/routing/urls';

export { listParams as generateStaticParams } from '@/lib/rendering/pageData';

export async function generateMetadata({ params }: PageProps<'/[lang]'>): Promise<Metadata> {
  const { lang } = await params;
  return pageMetadata({ lang, path: homeUrl(lang), alternates: homeAlternates(lang), feed: languageFeed(lang) });
}

export default async function HomePage({ params }: PageProps<'/[lang]'>) {
  const { lang } = await params;
  const paged = await loadListPage(lang);
  if (!paged) notFound();
  return (
    <PageLayout lang={lang} sidebar={sidebarFor('home')}>
      <ArticleList lang={lang} paged={paged} urlFor={(page) => listPageUrl(lang, page)} />
    </PageLayout>
  );
}
