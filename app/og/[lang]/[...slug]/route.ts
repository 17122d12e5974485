import { loadArticle } from '@/lib/rendering/pageData';
import { socialImageResponse } from '@/lib/rendering/og/socialImage';
import { notFoundResponse } from '@/lib/rendering/responses';

// Drawn on first request, then kept in the page cache by path (a query string changes nothing)
// until the article changes (lib/server/revalidation/changeTags.ts); nothing is drawn at build.
export const dynamic = 'force-static';
export const generateStaticParams = async (): Promise<{ lang: string; slug: string[] }[]> => [];

/** The social preview image of an article without a thumbnail (lib/rendering/og/socialImage.tsx). */
export async function GET(_request: Request, { params }: { params: Promise<{ lang: string; slug: string[] }> }): Promise<Response> {
  const { lang, slug } = await params;
  const article = await loadArticle(lang, slug);
  return article ? socialImageResponse(article) : notFoundResponse();
}
