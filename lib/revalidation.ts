import { randomUUID } from 'node:crypto';
import type { LoadedContent } from '@/lib/content';
import { type Revalidation, affectedPaths } from '@/lib/content/affectedPaths';

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

/** A render that began before a change and ended after its revalidation was cached as fresh: revalidate once more when in-flight renders are done. */
const SETTLE_MS = 1500;

/** Marks the cached pages a content change touched stale, on this server. */
export function followContentChanges(content: LoadedContent): void {
  // `next dev` renders every request afresh; only a production server has pages to refresh.
  if (process.env.NODE_ENV === 'development') return;
  content.onChange((change) => {
    const revalidations = affectedPaths(change);
    if (revalidations.length === 0) return;
    void requestRevalidation(revalidations);
    setTimeout(() => void requestRevalidation(revalidations), SETTLE_MS).unref();
  });
}
