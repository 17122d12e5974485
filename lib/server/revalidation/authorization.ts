import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Who may call /api/revalidate: an operator or deploy hook with REVALIDATE_SECRET. The token of
 * this process (random, never leaves it) is kept for tests and tools started by the server.
 */
const slot = Symbol.for('broadsheet.revalidationToken');
type Slot = { [slot]?: string };

export function processToken(): string {
  const holder = globalThis as Slot;
  holder[slot] ??= randomUUID();
  return holder[slot];
}

/**
 * Compares in constant time: both sides are hashed to one length first, so neither the time nor
 * an early length check tells how much of a guess was right.
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isAuthorised(token: string | null): boolean {
  if (!token) return false;
  const secret = process.env.REVALIDATE_SECRET;
  // Both compared every time, so the answer takes as long whichever it matches.
  const byProcess = sameSecret(token, processToken());
  const bySecret = !!secret && sameSecret(token, secret);
  return byProcess || bySecret;
}

/**
 * Who may run the scheduled import (/api/cron/import): Vercel Cron, which sends
 * `Authorization: Bearer $CRON_SECRET`, or a scheduler told the same secret. Without CRON_SECRET
 * nobody may: the route imports and publishes.
 */
export function isCronAuthorised(header: string | null): boolean {
  const secret = process.env.CRON_SECRET;
  if (!secret) return false;
  return sameSecret(header ?? '', `Bearer ${secret}`);
}
