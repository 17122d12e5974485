import { randomUUID } from 'node:crypto';

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

export function isAuthorised(token: string | null): boolean {
  if (!token) return false;
  return token === processToken() || (!!process.env.REVALIDATE_SECRET && token === process.env.REVALIDATE_SECRET);
}
