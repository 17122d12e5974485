import { ImageResponse } from 'next/og';
import { siteConfig } from '@/lib/config';
import { fontFamily, fontsFor } from '@/lib/rendering/og/fonts';
import { loadArticle } from '@/lib/rendering/pageData';
import { notFoundResponse } from '@/lib/rendering/responses';

/** The social preview image of an article without a thumbnail: its title on the site's colours. */
export async function GET(_request: Request, { params }: { params: Promise<{ lang: string; slug: string[] }> }): Promise<Response> {
  const { lang, slug } = await params;
  const article = await loadArticle(lang, slug);
  if (!article) return notFoundResponse();
  const category = article.categories[0] ?? '';
  const title = article.title.length > 120 ? `${article.title.slice(0, 119)}…` : article.title;
  const fonts = fontsFor(`${category}${title}${siteConfig.title}…`);
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '64px 72px',
        background: '#ffffff',
        borderTop: `24px solid ${siteConfig.highlightColor}`,
        fontFamily: fontFamily(fonts),
      }}
    >
      <div style={{ display: 'flex', fontSize: 32, color: siteConfig.highlightColor }}>{category}</div>
      <div style={{ display: 'flex', fontSize: title.length > 60 ? 56 : 72, lineHeight: 1.25, color: '#111111' }}>{title}</div>
      <div style={{ display: 'flex', fontSize: 32, color: '#555555' }}>{siteConfig.title}</div>
    </div>,
    {
      width: 1200,
      height: 630,
      fonts,
      headers: { 'Cache-Control': 'public, max-age=86400, stale-while-revalidate=604800' },
    },
  );
}
