/** How the catalog follows its folder: system notifications, periodic rescans, or not at all. */
export type WatchMode = 'events' | 'poll' | 'off';

export interface WatchSettings {
  mode: WatchMode;
  /** Wait between two rescans when polling (see POLL_SECONDS). */
  pollMs: number;
  /** Settings that could not be read, each naming the variable and what is used instead. */
  warnings: string[];
}

/**
 * Seconds between rescans by default. A rescan reads the folder's listings and the time and size
 * of each file, and only files that changed: about 0.25 s (0.16 s of CPU) for the corpus's
 * 17,981 files, a percent or two of a core every 10 s. On a network mount the client's own
 * attribute cache (NFS: 30 to 60 s for folders) is the slower part of noticing a new file anyway.
 */
export const POLL_SECONDS = 10;

/** BROADSHEET_WATCH (unset or `events`; `poll`; `0` or `off`) and BROADSHEET_POLL_SECONDS. */
export function watchSettings(env: Partial<Record<string, string>> = process.env): WatchSettings {
  const warnings: string[] = [];
  const raw = env.BROADSHEET_WATCH?.trim().toLowerCase() ?? '';
  let mode: WatchMode = 'events';
  if (raw === 'poll') mode = 'poll';
  else if (raw === '0' || raw === 'off' || raw === 'false') mode = 'off';
  else if (!['', '1', 'on', 'true', 'events'].includes(raw))
    warnings.push(`BROADSHEET_WATCH=${env.BROADSHEET_WATCH} is not one of events, poll or 0; the folder is watched (events)`);

  let seconds = POLL_SECONDS;
  const pollRaw = env.BROADSHEET_POLL_SECONDS;
  if (pollRaw !== undefined && pollRaw.trim() !== '') {
    const value = Number(pollRaw);
    if (Number.isFinite(value) && value > 0) seconds = value;
    else warnings.push(`BROADSHEET_POLL_SECONDS=${pollRaw} is not a number of seconds above 0; ${POLL_SECONDS} s is used`);
  }
  return { mode, pollMs: Math.round(seconds * 1000), warnings };
}
