import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/ArticleList';
import { PageLayout } from '@/components/PageLayout';
import { loadListPage } from '@/lib/pageData';
import { sidebarFor } from '@/lib/sidebar';
import { listPageUrl } from '@/lib/urls';

export { languageParams as generateStaticParams } from '@/lib/pageData';

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
