import type { PurgeTarget } from './targets';

/**
 * What to purge from one cache: `hard` tags are removed (their pages' content changed: the next
 * reader waits for the fresh page); `soft` tags are marked stale (only a sidebar changed: readers
 * keep getting the cached page while the cache asks the site again in the background).
 */
export interface PurgeBatch {
  hard: string[];
  soft: string[];
}

/** A purge that was not acknowledged: the cache's answer, or why there was none. */
export class PurgeError extends Error {}

const TIMEOUT_MS = 5000;
/** Varnish's default bound on a request header is 8 KB (http_req_hdr_len): keys go in requests of at most half that. */
const VARNISH_HEADER_CHARS = 4000;
/** Fastly takes up to 256 keys in one purge, Cloudflare 30 tags. */
const FASTLY_KEYS = 256;
const CLOUDFLARE_TAGS = 30;

/** Sends one batch to one cache; resolves once every request of it is acknowledged. */
export async function sendPurge(target: PurgeTarget, batch: PurgeBatch): Promise<void> {
  if (target.kind === 'varnish') {
    for (const [header, tags] of [
      ['xkey', batch.hard],
      ['xkey-soft', batch.soft],
    ] as const) {
      for (const chunk of byLength(tags, VARNISH_HEADER_CHARS))
        await request(target, `${target.url}/`, { method: 'PURGE', headers: { [header]: chunk.join(' ') } });
    }
  } else if (target.kind === 'fastly') {
    for (const [soft, tags] of [
      [false, batch.hard],
      [true, batch.soft],
    ] as const) {
      for (const chunk of byCount(tags, FASTLY_KEYS)) {
        const headers: Record<string, string> = { 'Fastly-Key': target.token ?? '', 'Surrogate-Key': chunk.join(' ') };
        if (soft) headers['Fastly-Soft-Purge'] = '1';
        await request(target, `${target.url}/purge`, { method: 'POST', headers });
      }
    }
  } else {
    // Cloudflare purges by tag only outright: a sidebar's refresh purges like a content change.
    for (const chunk of byCount([...batch.hard, ...batch.soft], CLOUDFLARE_TAGS)) {
      await request(target, `${target.url}/purge_cache`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${target.token ?? ''}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ tags: chunk }),
      });
    }
  }
}

async function request(target: PurgeTarget, url: string, init: RequestInit): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new PurgeError(`${target.name} did not answer (${cause ?? (error as Error).message})`);
  }
  const text = await response.text().catch(() => '');
  if (response.status !== 200) throw new PurgeError(`${target.name} answered ${response.status}${text ? `: ${text.trim().slice(0, 200)}` : ''}`);
}

function* byCount(tags: readonly string[], size: number): Generator<string[]> {
  for (let i = 0; i < tags.length; i += size) yield tags.slice(i, i + size);
}

function* byLength(tags: readonly string[], chars: number): Generator<string[]> {
  let chunk: string[] = [];
  let length = 0;
  for (const tag of tags) {
    if (chunk.length > 0 && length + tag.length + 1 > chars) {
      yield chunk;
      chunk = [];
      length = 0;
    }
    chunk.push(tag);
    length += tag.length + 1;
  }
  if (chunk.length > 0) yield chunk;
}
