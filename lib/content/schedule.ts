/*
 * Schedules as Hugo reads them: `publishDate` holds an article back until then, `expiryDate`
 * takes it down at that moment. Hugo's front-matter keys are case-insensitive and it accepts
 * aliases (`pubdate`, `published`; `unpublishdate`): each is read here, the first found wins.
 * The store's writers (lib/store/rules.ts) decide with `publishAt` and `expiresAt` below, and
 * their publication timers fire at each moment, so nothing needs a restart.
 */
import type { Reader } from './frontMatter';
import type { FrontMatter } from './types';

/** Hugo's names for the publication moment, in the order Hugo prefers them. */
export const PUBLISH_KEYS = ['publishDate', 'publishdate', 'pubdate', 'published'] as const;
/** Hugo's names for the expiry moment. */
export const EXPIRY_KEYS = ['expiryDate', 'expirydate', 'unpublishdate'] as const;

export const scheduleKeys: readonly string[] = [...PUBLISH_KEYS, ...EXPIRY_KEYS];

/** The first of `keys` the front matter holds (a second one is named and ignored). */
function firstKey(data: Record<string, unknown>, keys: readonly string[], r: Reader): string | undefined {
  const present = keys.filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '');
  for (const other of present.slice(1)) r.problems.warn(other, `"${present[0]}" is set too and wins; ignored`, r.line(other));
  return present[0];
}

/** publishDate and expiryDate, read as dates like `date` (the site's time zone when none is written). */
export function readSchedule(
  data: Record<string, unknown>,
  readDate: (key: string) => number | undefined,
  r: Reader,
): Pick<FrontMatter, 'publishDate' | 'expiryDate'> {
  const publishKey = firstKey(data, PUBLISH_KEYS, r);
  const expiryKey = firstKey(data, EXPIRY_KEYS, r);
  const publishDate = publishKey ? readDate(publishKey) : undefined;
  const expiryDate = expiryKey ? readDate(expiryKey) : undefined;
  if (expiryKey && expiryDate !== undefined && publishDate !== undefined && expiryDate <= publishDate) {
    r.problems.warn(expiryKey, `expires before it is published (${publishKey}); no reader will see it`, r.line(expiryKey));
  }
  return { publishDate, expiryDate };
}

/** When readers may first see the article: its publishDate, else its date (Hugo's default). */
export const publishAt = (article: Pick<FrontMatter, 'date' | 'publishDate'>): number => article.publishDate ?? article.date;

/** When the article is taken down, if ever. */
export const expiresAt = (article: Pick<FrontMatter, 'expiryDate'>): number | undefined => article.expiryDate;

/** Whether the article has expired at `now`. */
export const isExpired = (article: Pick<FrontMatter, 'expiryDate'>, now: number): boolean =>
  article.expiryDate !== undefined && article.expiryDate <= now;

/**
 * The next moment the article's visibility changes after `now`: its publication if still ahead,
 * else its expiry if still ahead; undefined when neither is.
 */
export function nextMoment(article: Pick<FrontMatter, 'date' | 'publishDate' | 'expiryDate'>, now: number): number | undefined {
  const publish = publishAt(article);
  if (publish > now) return publish;
  const expiry = expiresAt(article);
  return expiry !== undefined && expiry > now ? expiry : undefined;
}
