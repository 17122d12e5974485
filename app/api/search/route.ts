import { type NextRequest, NextResponse } from 'next/server';
import { isLanguage } from '@/lib/config';
import { getSearch } from '@/lib/search';
import { MAX_QUERY_LENGTH } from '@/lib/search/request';
import { articleUrl } from '@/lib/urls';

const SUGGESTIONS = 8;

/** Suggestions as a reader types: the best few titles for `q` in language `lang`. */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const lang = params.get('lang') ?? '';
  const query = (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH).trim();
  if (!isLanguage(lang)) return NextResponse.json({ error: `unknown language "${lang}"` }, { status: 400 });
  const started = performance.now();
  const articles = query ? getSearch().suggest(query, lang, SUGGESTIONS) : [];
  const ms = performance.now() - started;
  return NextResponse.json(
    { query, results: articles.map((article) => ({ title: article.title, url: articleUrl(article), date: new Date(article.date).toISOString() })) },
    {
      headers: {
        // Results change only when content does; a short private cache spares repeated keystrokes.
        'Cache-Control': 'private, max-age=10',
        // Time spent searching, for the benchmark and for browser dev tools.
        'Server-Timing': `search;dur=${ms.toFixed(2)}`,
      },
    },
  );
}
