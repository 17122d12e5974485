import { describe, expect, it } from 'vitest';
import { POLL_SECONDS, watchSettings } from '@/lib/store/ingest/watchSettings';

describe('BROADSHEET_WATCH and BROADSHEET_POLL_SECONDS', () => {
  it('watches by default, polls or stops when told, and keeps BROADSHEET_WATCH=0', () => {
    expect(watchSettings({})).toEqual({ mode: 'events', pollMs: POLL_SECONDS * 1000, warnings: [] });
    expect(watchSettings({ BROADSHEET_WATCH: 'poll', BROADSHEET_POLL_SECONDS: '2.5' })).toEqual({ mode: 'poll', pollMs: 2500, warnings: [] });
    expect(watchSettings({ BROADSHEET_WATCH: '0' }).mode).toBe('off');
    expect(watchSettings({ BROADSHEET_WATCH: 'off' }).mode).toBe('off');
  });

  it('names a setting it cannot read and says what it does instead', () => {
    expect(watchSettings({ BROADSHEET_WATCH: 'inotify' })).toMatchObject({
      mode: 'events',
      warnings: ['BROADSHEET_WATCH=inotify is not one of events, poll or 0; the folder is watched (events)'],
    });
    expect(watchSettings({ BROADSHEET_WATCH: 'poll', BROADSHEET_POLL_SECONDS: '-1' })).toMatchObject({
      mode: 'poll',
      pollMs: POLL_SECONDS * 1000,
      warnings: [`BROADSHEET_POLL_SECONDS=-1 is not a number of seconds above 0; ${POLL_SECONDS} s is used`],
    });
  });
});
