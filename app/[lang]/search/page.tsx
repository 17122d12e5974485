import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/ArticleList';
import { PageLayout } from '@/components/PageLayout';
import { SearchForm } from '@/components/SearchForm';
import { fill, getDictionary } from '@/lib/i18n';
import { loadSearch } from '@/lib/pageData';
import { sidebarFor } from '@/lib/sidebar';
import { searchUrl } from '@/lib/urls';

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export async function generateMetadata({ params }: PageProps<'/[lang]/search'>): Promise<Metadata> {
  const { lang } = await params;
  return { title: getDictionary(lang).search, robots: { index: false } };
}

export default async function SearchPage({ params, searchParams }: PageProps<'/[lang]/search'>) {
  const { lang } = await params;
  const query = firstValue((await searchParams).q).slice(0, 200);
  const page = firstValue((await searchParams).page) || undefined;
  const paged = await loadSearch(lang, query, page);
  if (!paged) notFound();
  const dict = getDictionary(lang);
  const sidebar = sidebarFor('list');
  return (
    // The page has its own search box; the sidebar need not repeat it.
    <PageLayout lang={lang} sidebar={{ ...sidebar, widgets: sidebar.widgets.filter((w) => w !== 'search') }}>
      <h1 className="page-title">{query ? fill(dict.searchResultsFor, { query }) : dict.search}</h1>
      <SearchForm lang={lang} query={query} id="search-page-input" />
      {!query ? (
        <p className="empty">{dict.searchEmpty}</p>
      ) : paged.items.length === 0 ? (
        <p className="empty">{fill(dict.searchNoResults, { query })}</p>
      ) : (
        <ArticleList lang={lang} paged={paged} urlFor={(n) => searchUrl(lang, query, n)} />
      )}
    </PageLayout>
  );
}
