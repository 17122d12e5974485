import { liveStrings } from '@/lib/i18n/live';
import type { LivePage } from '@/lib/rendering/live/livePage';
import { LiveUpdater } from './LiveUpdater';

/** FNV-1a of the entries' HTML: the updater swaps entries only when this differs. */
function versionOf(html: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < html.length; i++) hash = Math.imul(hash ^ html.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** A live page's body: its introduction, then its entries newest first. HTML sanitized by lib/rendering/markdown. */
export function LiveBlog({ lang, page }: { lang: string; page: LivePage }) {
  return (
    <>
      {page.introHtml ? <div className="post-content" dangerouslySetInnerHTML={{ __html: page.introHtml }} /> : null}
      <section className="live-blog" aria-labelledby="live-updates">
        <h2 id="live-updates" className="visually-hidden">
          {liveStrings(lang).updates}
        </h2>
        <div
          id="live-entries"
          data-live={page.live ? 'true' : 'false'}
          data-version={versionOf(page.entriesHtml)}
          dangerouslySetInnerHTML={{ __html: page.entriesHtml }}
        />
      </section>
      {page.live ? <LiveUpdater /> : null}
    </>
  );
}
