import type { Metadata } from 'next';
import { NotFoundPage } from '@/components/NotFoundPage';
import { getDictionary } from '@/lib/i18n';

export { listParams as generateStaticParams } from '@/lib/rendering/pageData';

export async function generateMetadata({ params }: PageProps<'/[lang]/404'>): Promise<Metadata> {
  return { title: getDictionary((await params).lang).notFoundTitle, robots: { index: false } };
}

/** Served by the proxy, with status 404, for every language path that names nothing. */
export default async function NotFoundRoute({ params }: PageProps<'/[lang]/404'>) {
  return <NotFoundPage lang={(await params).lang} />;
}
