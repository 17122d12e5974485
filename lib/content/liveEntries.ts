/*
 * A live page's entries, written in the same Markdown file as quickly as an editor can type
 * them: a level-2 heading that starts with a time (`## 14:32 Headline`) or a date and a time
 * (`## 2026-12-05 14:32 Headline`) opens an entry, and the text under it, up to the next such
 * heading, is the entry. Whatever comes before the first one is the page's introduction. A time
 * alone takes the day of the nearest dated heading above it, else the article's own day, in the
 * site's time zone. One pass over the lines, in time linear in the body's length.
 */
import { parseDate } from './dates';
import { siteTime } from './scheduleReport';

export interface LiveEntry {
  /** Anchor of the entry on the page, from its time: "update-202612051432" (then "-2", "-3" for the same minute). */
  id: string;
  /** Epoch ms. */
  time: number;
  /** What follows the time on the heading line; may be empty. */
  headline: string;
  /** The entry's Markdown, without its heading. */
  markdown: string;
}

export interface LiveBody {
  /** Markdown before the first entry. */
  intro: string;
  /** Newest first (entries of one moment in the order written). */
  entries: LiveEntry[];
}

const ENTRY_HEADING = /^ {0,3}##[ \t]+(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}):(\d{2})(?::\d{2})?(?:[ \t]+(.*))?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The heading's text after the time, without a leading dash or bar or Markdown's closing #s (scanned from the end, no backtracking). */
function headlineOf(text: string): string {
  let end = text.trimEnd().length;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  // "Title ##" closes the heading; "C#" keeps its own.
  if (hashes < end && (hashes === 0 || text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) end = hashes;
  return text.slice(0, end).trim().replace(/^[-–—|][ \t]*/, '');
}

/** Splits a live page's body into its introduction and its entries, newest first. */
export function liveEntries(body: string, articleDate: number, timeZone: string): LiveBody {
  const lines = body.split('\n');
  const intro: string[] = [];
  const written: { time: number; headline: string; lines: string[] }[] = [];
  let day = siteTime(articleDate, timeZone).slice(0, 10);
  let fence: string | undefined;
  for (const line of lines) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
    } else if (fenceMark) {
      fence = fenceMark;
    } else {
      const heading = line.startsWith('#') || line.startsWith(' ') ? ENTRY_HEADING.exec(line) : null;
      const hours = heading ? Number(heading[2]) : NaN;
      if (heading && hours < 24) {
        if (heading[1]) day = heading[1];
        const time = parseDate(`${day} ${heading[2]!.padStart(2, '0')}:${heading[3]}:00`, timeZone);
        if (time !== undefined) {
          written.push({ time, headline: headlineOf(heading[4] ?? ''), lines: [] });
          continue;
        }
      }
    }
    (written.at(-1)?.lines ?? intro).push(line);
  }
  const ids = new Map<string, number>();
  const entries = written
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => b.entry.time - a.entry.time || a.order - b.order)
    .map(({ entry }) => {
      const base = `update-${siteTime(entry.time, timeZone).replace(/\D/g, '')}`;
      const seen = (ids.get(base) ?? 0) + 1;
      ids.set(base, seen);
      return { id: seen > 1 ? `${base}-${seen}` : base, time: entry.time, headline: entry.headline, markdown: entry.lines.join('\n').trim() };
    });
  return { intro: intro.join('\n').trim(), entries };
}

/** The time of the newest entry, if any: when the live page last changed for readers. */
export function latestEntry(body: string, articleDate: number, timeZone: string): number | undefined {
  return liveEntries(body, articleDate, timeZone).entries[0]?.time;
}
