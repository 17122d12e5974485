import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleList } from '@/components/ArticleList';
import { PageLayout } from '@/components/PageLayout';
import { fill, getDictionary } from '@/lib/i18n';
import { languageFeed, pageMetadata } from '@/lib/rendering/metadata';
import { loadListPage } from '@/lib/rendering/pageData';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { listPageUrl, parsePageNumber } from '@/lib/routing/urls';

// Later pages render on first request, then stay cached.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[lang]/page/[page]'>): Promise<Metadata> {
  const { lang, page } = await params;
  const title = fill(getDictionary(lang).pageTitle, { page });
  const path = listPageUrl(lang, parsePageNumber(page) ?? 1);
  return pageMetadata({ lang, path, title, feed: languageFeed(lang) });
}

export default async function HomePageN({ params }: PageProps<'/[lang]/page/[page]'>) {
  const { lang, page } = await params;
  if (page === '1') permanentRedirect(listPageUrl(lang, 1));
  const paged = await loadListPage(lang, page);
  if (!paged) notFound();
  return (
    <PageLayout lang={lang} sidebar={sidebarFor('home')}>
      <ArticleList lang={lang} paged={paged} urlFor={(n) => listPageUrl(lang, n)} />
    </PageLayout>
  );
}
