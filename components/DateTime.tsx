import { siteConfig } from '@/lib/config';
import { formatDate, isoInZone } from '@/lib/content/dates';

/** A date in the site's format and time zone, machine-readable in `datetime`. */
export function DateTime({ epochMs, className }: { epochMs: number; className?: string }) {
  return (
    <time className={className} dateTime={isoInZone(epochMs, siteConfig.timeZone)}>
      {formatDate(epochMs, siteConfig.dateFormat, siteConfig.timeZone)}
    </time>
  );
}
