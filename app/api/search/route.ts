import { type NextRequest, NextResponse } from 'next/server';
import { isLanguage } from '@/lib/config';
import { isSearchBusy, refusalDelay, SEARCH_RETRY_AFTER } from '@/lib/search';
import { queryFrom } from '@/lib/search/request';
import { getStore, isStoreUnavailable, STORE_RETRY_AFTER } from '@/lib/store';
import { articleUrl } from '@/lib/routing/urls';

const SUGGESTIONS = 8;

/** Suggestions as a reader types: the best few titles for `q` in language `lang`. */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const lang = params.get('lang') ?? '';
  const query = queryFrom(params.get('q'));
  if (!isLanguage(lang)) return NextResponse.json({ error: `unknown language "${lang}"` }, { status: 400 });
  let found;
  try {
    // A query with no terms is answered at once with none, without a place or a thread.
    found = await getStore().search.suggest(query, lang, SUGGESTIONS);
  } catch (error) {
    if (isStoreUnavailable(error))
      return NextResponse.json({ error: 'unavailable' }, { status: 503, headers: { 'Retry-After': String(STORE_RETRY_AFTER), 'Cache-Control': 'no-store' } });
    if (!isSearchBusy(error)) throw error;
    // Searches are at their bound: refused rather than queued, after a pause (lib/search/index.ts).
    await refusalDelay();
    return NextResponse.json({ error: 'busy' }, { status: 503, headers: { 'Retry-After': String(SEARCH_RETRY_AFTER), 'Cache-Control': 'no-store' } });
  }
  return NextResponse.json(
    { query, results: found.result.map((article) => ({ title: article.title, url: articleUrl(article), date: new Date(article.date).toISOString() })) },
    {
      headers: {
        // Results change only when content does; a short private cache spares repeated keystrokes.
        'Cache-Control': 'private, max-age=10',
        // Time spent searching, for the benchmark and for browser dev tools.
        'Server-Timing': `search;dur=${found.ms.toFixed(2)}`,
      },
    },
  );
}
