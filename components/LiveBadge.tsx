import { liveStrings } from '@/lib/i18n/live';

/** "Live" beside the title of a live page (`live: true`), in lists and on the page. */
export function LiveBadge({ lang }: { lang: string }) {
  return <span className="live-badge">{liveStrings(lang).live}</span>;
}
