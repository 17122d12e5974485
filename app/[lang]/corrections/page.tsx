import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CorrectionsList } from '@/components/CorrectionsList';
import { PageLayout } from '@/components/PageLayout';
import { editorialStrings } from '@/lib/i18n/editorial';
import { languageFeed, pageMetadata } from '@/lib/rendering/metadata';
import { correctionsAlternates, loadCorrections } from '@/lib/rendering/editorial/correctionsPage';
import { listParams } from '@/lib/rendering/pageData';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { correctionsUrl } from '@/lib/routing/urls';

export const generateStaticParams = listParams;

export async function generateMetadata({ params }: PageProps<'/[lang]/corrections'>): Promise<Metadata> {
  const { lang } = await params;
  return pageMetadata({
    lang,
    path: correctionsUrl(lang),
    title: editorialStrings(lang).corrections,
    alternates: correctionsAlternates(lang),
    feed: languageFeed(lang),
  });
}

export default async function CorrectionsPage({ params }: PageProps<'/[lang]/corrections'>) {
  const { lang } = await params;
  const entries = await loadCorrections(lang);
  if (!entries) notFound();
  const strings = editorialStrings(lang);
  return (
    <PageLayout lang={lang} sidebar={sidebarFor('list')} alternates={correctionsAlternates(lang)}>
      <header className="list-header">
        <h1 className="page-title">{strings.corrections}</h1>
        <p>{strings.correctionsIntro}</p>
      </header>
      <CorrectionsList lang={lang} entries={entries} />
    </PageLayout>
  );
}
