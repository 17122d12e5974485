import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { after } from 'next/server';
import { PageLayout } from '@/components/PageLayout';
import { SearchForm } from '@/components/SearchForm';
import { SearchResults } from '@/components/SearchResults';
import { fill, getDictionary } from '@/lib/i18n';
import { pageMetadata } from '@/lib/rendering/metadata';
import { isSearchBusy, SEARCH_TICKET_HEADER } from '@/lib/search';
import { getStore, isStoreUnavailable } from '@/lib/store';
import { searchRequestFrom } from '@/lib/search/request';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { searchUrl } from '@/lib/routing/urls';

export async function generateMetadata({ params }: PageProps<'/[lang]/search'>): Promise<Metadata> {
  const { lang } = await params;
  return pageMetadata({ lang, path: searchUrl(lang), title: getDictionary(lang).search, noindex: true });
}

export default async function SearchPage({ params, searchParams }: PageProps<'/[lang]/search'>) {
  const { lang } = await params;
  const request = searchRequestFrom(lang, await searchParams);
  const { query } = request;
  const dict = getDictionary(lang);
  // The proxy took this search's place (or answered 503 itself), held until the page is sent;
  // see lib/search/admission.ts.
  const ticket = (await headers()).get(SEARCH_TICKET_HEADER);
  if (ticket) after(() => getStore().search.release(ticket));
  const response = query
    ? await getStore()
        .search.search(request, ticket)
        .catch((error: unknown) => {
          // At its bound, or its store unreachable for now: the reader is asked to try again in a moment.
          if (isSearchBusy(error) || isStoreUnavailable(error)) return 'busy' as const;
          throw error;
        })
    : undefined;
  const sidebar = sidebarFor('list');
  const options = { byDate: request.sort === 'date', allLanguages: request.allLanguages };
  return (
    // The page has its own search box; the sidebar need not repeat it.
    <PageLayout lang={lang} sidebar={{ ...sidebar, widgets: sidebar.widgets.filter((w) => w !== 'search') }}>
      <h1 className="page-title">{query ? fill(dict.searchResultsFor, { query }) : dict.search}</h1>
      <SearchForm lang={lang} query={query} id="search-page-input" options={options} />
      {!response ? (
        <p className="empty">{dict.searchEmpty}</p>
      ) : response === 'busy' ? (
        <p className="empty">{dict.searchBusy}</p>
      ) : response.total === 0 ? (
        <p className="empty">{fill(dict.searchNoResults, { query })}</p>
      ) : (
        <SearchResults lang={lang} response={response} urlFor={(n) => searchUrl(lang, query, n, options)} />
      )}
    </PageLayout>
  );
}
