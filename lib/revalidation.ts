import { randomUUID } from 'node:crypto';
import type { Revalidation } from '@/lib/content/affectedPaths';

/**
 * On-demand revalidation from inside the server process. Next.js only accepts revalidatePath()
 * within a request, so the content watcher posts to /api/revalidate on its own server with a
 * token that exists only in this process. REVALIDATE_SECRET, when set, also lets an operator or a
 * deploy hook trigger it from outside.
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

function ownOrigin(): string {
  // Set by `next start` and the standalone server once they listen: the address they are bound
  // to, or `localhost` when bound to every address (fetch tries its IPv6 and IPv4 forms). The
  // Host a reverse proxy sends plays no part. e2e/server-modes.spec.ts covers each way of starting.
  return process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT || 3000}`;
}

export async function requestRevalidation(revalidations: Revalidation[]): Promise<void> {
  try {
    const response = await fetch(`${ownOrigin()}/api/revalidate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-revalidate-token': processToken() },
      body: JSON.stringify({ revalidations }),
    });
    if (!response.ok) console.error(`[content] revalidation answered ${response.status}`);
  } catch (error) {
    console.error(`[content] revalidation failed: ${(error as Error).message}`);
  }
}
