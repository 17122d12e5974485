/**
 * Dates as editors write them. A date without a zone is wall-clock time in the site's zone, as
 * Hugo's `timeZone` setting made it; dates with a zone, date-only values and RFC 2822 work too.
 */

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;
/** RFC 2822 (`Fri, 14 Feb 2025 22:00:00 +0800`); feeds also write it with no zone at all. */
const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{4}|UT|GMT|[ECMP][SD]T|Z))?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 2822's obsolete zone names, in hours from UTC. */
const ZONE_NAMES: Record<string, number> = { ut: 0, gmt: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in a zone. */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const HOUR = 3_600_000;
const offsets = new Map<string, number>();

/**
 * The zone's offset from UTC at an instant. Offsets change on the hour (or half hour) at most, so
 * they are computed once per zone and quarter-hour: Intl is slow and archives share few hours.
 */
function offsetAt(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / (HOUR / 4));
  const key = `${timeZone}@${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = bucket * (HOUR / 4);
    const wall = wallClockAt(start, timeZone);
    offset = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - start;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The instant a wall-clock time names in a zone (two passes settle daylight-saving edges). */
export function zonedTimeToEpoch(wall: WallClock, millisecond: number, timeZone: string): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, millisecond);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Parses a front-matter date. Returns epoch milliseconds, or undefined when the value is not a
 * date this function recognises (the caller reports it).
 */
export function parseDate(value: unknown, timeZone: string): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const wall = WALL_CLOCK.exec(text);
  if (wall) {
    const [year, month, day, hour, minute, second] = wall.slice(1, 7).map((part) => Number(part ?? 0)) as [
      number, number, number, number, number, number,
    ];
    if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
    const millisecond = Number((wall[7] ?? '0').padEnd(3, '0').slice(0, 3));
    return zonedTimeToEpoch({ year, month, day, hour, minute, second }, millisecond, timeZone);
  }
  if (WITH_ZONE.test(text)) {
    const normalised = text.replace(' ', 'T').replace(/\s+/g, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const epoch = Date.parse(normalised);
    return Number.isNaN(epoch) ? undefined : epoch;
  }
  const rfc = RFC_2822.exec(text);
  if (rfc) return parseRfc2822(rfc, timeZone);
  return undefined;
}

/** An RFC 2822 match to an instant; without a zone, wall-clock time in the site's zone. */
function parseRfc2822(match: RegExpExecArray, timeZone: string): number | undefined {
  const [day, year, hour, minute, second] = [match[1], match[3], match[4], match[5], match[6]].map((part) => Number(part ?? 0)) as [
    number, number, number, number, number,
  ];
  const month = MONTHS.indexOf((match[2] as string).toLowerCase()) + 1;
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = { year, month, day, hour, minute, second };
  const zone = match[7]?.toLowerCase();
  if (zone === undefined) return zonedTimeToEpoch(wall, 0, timeZone);
  const offsetMinutes = zone in ZONE_NAMES ? (ZONE_NAMES[zone] as number) * 60 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

/** Formats an instant in a zone with the tokens YYYY MM DD HH mm ss. */
export function formatDate(epochMs: number, format: string, timeZone: string): string {
  const wall = wallClockAt(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const tokens: Record<string, string> = {
    YYYY: String(wall.year),
    MM: pad(wall.month),
    DD: pad(wall.day),
    HH: pad(wall.hour),
    mm: pad(wall.minute),
    ss: pad(wall.second),
  };
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => tokens[token] ?? token);
}

/** ISO 8601 with the zone's offset, for `<time datetime>` and feeds. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const offsetMinutes = Math.round(offsetAt(epochMs, timeZone) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${formatDate(epochMs, 'YYYY-MM-DDTHH:mm:ss', timeZone)}${zone}`;
}
