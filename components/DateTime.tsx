import { localize, siteConfig } from '@/lib/config';
import { formatDate, isoInZone } from '@/lib/content/dates';

/** A date in the site's format and time zone, machine-readable in `datetime`. */
export function DateTime({ epochMs, lang, className }: { epochMs: number; lang: string; className?: string }) {
  return (
    <time className={className} dateTime={isoInZone(epochMs, siteConfig.timeZone)}>
      {formatDate(epochMs, localize(siteConfig.dateFormat, lang), siteConfig.timeZone)}
    </time>
  );
}
