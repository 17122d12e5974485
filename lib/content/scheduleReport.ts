/*
 * What `npm run check` says is scheduled: articles held back until their date or publishDate,
 * and articles that expiryDate will take down, each with its moment in the site's time zone.
 */

export interface ScheduledItem {
  /** The file, relative to the content folder. */
  file: string;
  /** Its URL path: "/en/news/x". */
  path: string;
  /** When it is published, when still ahead. */
  publish?: number;
  /** When it is taken down, when still ahead. */
  expire?: number;
}

/** "2026-12-05 14:32" in the given time zone. */
export function siteTime(epoch: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(epoch))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The lines `npm run check` prints for what is scheduled, soonest first; nothing when nothing is. */
export function formatScheduled(items: readonly ScheduledItem[], timeZone: string): string[] {
  const publishing = items.filter((item) => item.publish !== undefined).sort((a, b) => (a.publish as number) - (b.publish as number));
  const expiring = items.filter((item) => item.expire !== undefined).sort((a, b) => (a.expire as number) - (b.expire as number));
  const lines: string[] = [];
  if (publishing.length > 0) {
    lines.push(`Scheduled to publish (${publishing.length}), times in ${timeZone}:`);
    for (const item of publishing) lines.push(`  ${siteTime(item.publish as number, timeZone)}  ${item.path}  (${item.file})`);
  }
  if (expiring.length > 0) {
    lines.push(`Scheduled to expire (${expiring.length}), times in ${timeZone}:`);
    for (const item of expiring) lines.push(`  ${siteTime(item.expire as number, timeZone)}  ${item.path}  (${item.file})`);
  }
  return lines;
}
