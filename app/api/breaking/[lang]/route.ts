import { isLanguage } from '@/lib/config';
import { BREAKING_MAX_AGE, breakingFragment } from '@/lib/rendering/live/breakingFragment';
import { isStoreUnavailable } from '@/lib/store';

/** The breaking-news line of a language, framed atop each of its pages (components/BreakingLine.tsx). Read per request, never from the page cache. */
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: RouteContext<'/api/breaking/[lang]'>) {
  const { lang } = await params;
  if (!isLanguage(lang)) return new Response('unknown language', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  let html: string;
  try {
    html = await breakingFragment(lang, Date.now());
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    // The store is down: no line rather than an error in a frame on every page.
    html = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>-</title></head><body></body></html>';
  }
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': `public, max-age=${BREAKING_MAX_AGE}, s-maxage=${BREAKING_MAX_AGE}`,
    },
  });
}
