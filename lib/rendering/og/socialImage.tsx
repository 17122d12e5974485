import { ImageResponse } from 'next/og';
import { siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import { BoundedQueue } from '@/lib/server/boundedQueue';
import { sharedCacheFor } from '@/lib/rendering/responses';
import { fontFamily, fontsFor } from './fonts';

/** Seconds a refused drawing is asked to wait before trying again. */
export const SOCIAL_IMAGE_RETRY_AFTER = 5;

const slot = Symbol.for('broadsheet.socialImages');
type Slot = { [slot]?: BoundedQueue };

/**
 * The process's one line of drawings. Each is drawn on the server's own thread (Satori, then
 * resvg: 100 to 400 ms), so one at a time, eight more waiting, the rest refused, and drawings
 * take at most half the thread's time: a flood of distinct image URLs then leaves the other half
 * to pages. Shared through globalThis: each route bundle carries its own copy of this module.
 */
export function socialImageQueue(): BoundedQueue {
  const holder = globalThis as Slot;
  holder[slot] ??= new BoundedQueue(1, 8, { share: 0.5 });
  return holder[slot];
}

/** The social preview image of an article without a thumbnail: its title on the site's colours, as PNG bytes. */
export async function drawSocialImage(article: Pick<ArticleMeta, 'title' | 'categories'>): Promise<ArrayBuffer> {
  const category = article.categories[0] ?? '';
  const title = article.title.length > 120 ? `${article.title.slice(0, 119)}…` : article.title;
  const fonts = fontsFor(`${category}${title}${siteConfig.title}…`);
  const image = new ImageResponse(
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
    { width: 1200, height: 630, fonts },
  );
  // The body is drawn as it is read: read it here, inside the drawing's place in line.
  return image.arrayBuffer();
}

/**
 * The image's response: drawn in its turn, or 503 with Retry-After at once when the line is
 * full (never kept: lib/server/pageCache keeps no error a route answers). Shared caches keep it
 * as long as the article's page, so an edited title reaches them as soon as the page does.
 */
export async function socialImageResponse(
  article: Pick<ArticleMeta, 'title' | 'categories'>,
  queue: BoundedQueue = socialImageQueue(),
  draw: (article: Pick<ArticleMeta, 'title' | 'categories'>) => Promise<ArrayBuffer> = drawSocialImage,
): Promise<Response> {
  const drawn = queue.run(() => draw(article));
  if (!drawn) {
    return new Response('Too many images are being drawn right now. Please try again in a few seconds.\n', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(SOCIAL_IMAGE_RETRY_AFTER), 'Cache-Control': 'no-store' },
    });
  }
  return new Response(await drawn, { headers: { 'Content-Type': 'image/png', 'Cache-Control': sharedCacheFor(siteConfig.sharedCache.pages) } });
}
