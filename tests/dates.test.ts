import { describe, expect, it } from 'vitest';
import { formatDate, isoInZone, parseDate } from '@/lib/content/dates';

const SHANGHAI = 'Asia/Shanghai';

describe('parseDate', () => {
  it('reads a date without a zone as wall-clock time in the site zone', () => {
    expect(parseDate('2025-02-08 03:17:28', SHANGHAI)).toBe(Date.parse('2025-02-07T19:17:28Z'));
  });

  it('reads the same wall-clock time differently in another zone', () => {
    expect(parseDate('2025-02-08 03:17:28', 'UTC')).toBe(Date.parse('2025-02-08T03:17:28Z'));
  });

  it('reads a date-only value as midnight in the site zone', () => {
    expect(parseDate('2025-02-08', SHANGHAI)).toBe(Date.parse('2025-02-07T16:00:00Z'));
  });

  it('honours an explicit zone', () => {
    expect(parseDate('2025-02-08T03:17:28Z', SHANGHAI)).toBe(Date.parse('2025-02-08T03:17:28Z'));
    expect(parseDate('2025-02-08T03:17:28+02:00', SHANGHAI)).toBe(Date.parse('2025-02-08T01:17:28Z'));
    expect(parseDate('2025-02-08 03:17:28 -0500', SHANGHAI)).toBe(Date.parse('2025-02-08T08:17:28Z'));
  });

  it('reads RFC 2822', () => {
    expect(parseDate('Sat, 08 Feb 2025 03:17:28 +0800', SHANGHAI)).toBe(Date.parse('2025-02-07T19:17:28Z'));
    expect(parseDate('8 Feb 2025 03:17 GMT', SHANGHAI)).toBe(Date.parse('2025-02-08T03:17:00Z'));
    expect(parseDate('Fri, 14 Feb 2025 09:00:00 EST', SHANGHAI)).toBe(Date.parse('2025-02-14T14:00:00Z'));
    expect(parseDate('Fri, 14 Feb 2025 09:00:00 -0330', SHANGHAI)).toBe(Date.parse('2025-02-14T12:30:00Z'));
  });

  it('reads RFC 2822 without a zone as wall-clock time in the site zone', () => {
    expect(parseDate('Fri, 14 Feb 2025 22:00:00', SHANGHAI)).toBe(Date.parse('2025-02-14T14:00:00Z'));
    expect(parseDate('14 Feb 2025 22:00', 'UTC')).toBe(Date.parse('2025-02-14T22:00:00Z'));
    expect(parseDate('Tue, 15 Jul 2025 12:00:00', 'Europe/London')).toBe(Date.parse('2025-07-15T11:00:00Z'));
  });

  it('handles a daylight-saving zone on both sides of the change', () => {
    expect(parseDate('2025-01-15 12:00:00', 'Europe/London')).toBe(Date.parse('2025-01-15T12:00:00Z'));
    expect(parseDate('2025-07-15 12:00:00', 'Europe/London')).toBe(Date.parse('2025-07-15T11:00:00Z'));
  });

  it('rejects what is not a date', () => {
    for (const value of [
      '',
      'yesterday',
      '2025-02-30',
      '2025-13-01 00:00:00',
      '2',
      '2025-02-08 25:00:00',
      'Sun, 30 Feb 2025 10:00:00',
      '14 Feb 2025 24:00:00',
      42,
      null,
    ]) {
      expect(parseDate(value, SHANGHAI), String(value)).toBeUndefined();
    }
  });
});

describe('formatDate', () => {
  it('shows an instant in the site zone with the configured tokens', () => {
    const epoch = Date.parse('2025-02-07T19:17:28Z');
    expect(formatDate(epoch, 'YYYY-MM-DD HH:mm', SHANGHAI)).toBe('2025-02-08 03:17');
    expect(formatDate(epoch, 'DD/MM/YYYY', 'UTC')).toBe('07/02/2025');
  });

  it('writes ISO 8601 with the zone offset', () => {
    expect(isoInZone(Date.parse('2025-02-07T19:17:28Z'), SHANGHAI)).toBe('2025-02-08T03:17:28+08:00');
  });
});
