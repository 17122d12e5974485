import type { Metadata } from 'next';
import { NotFoundPage } from '@/components/NotFoundPage';
import { getDictionary } from '@/lib/i18n';

export { listParams as generateStaticParams } from '@/lib/rendering/pageData';

export async function generateMetadata({ params }: PageProps<'/[lang]/410'>): Promise<Metadata> {
  return { title: getDictionary((await params).lang).goneTitle, robots: { index: false } };
}

/** Served by the proxy, with status 410, for the URL of an article taken down. */
export default async function GoneRoute({ params }: PageProps<'/[lang]/410'>) {
  return <NotFoundPage lang={(await params).lang} gone />;
}
