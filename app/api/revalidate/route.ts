import { revalidatePath } from 'next/cache';
import { pageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { connectingAddress } from '@/lib/server/connectingAddress';
import { isAuthorised } from '@/lib/server/revalidation/authorization';

/** A request body larger than this is refused unread: a revalidation names a few paths or tags. */
const MAX_BODY_BYTES = 16 * 1024;

function refused(request: Request, status: number, reason: string): Response {
  // Who connected and why it was refused: never the token they sent, nor X-Forwarded-For, which
  // Next.js passes on as the client wrote it (lib/server/connectingAddress.ts).
  const from = connectingAddress(request.headers) ?? 'an address this server was not told';
  console.warn(`[revalidate] refused (${status}, ${reason}) a request from ${from}`);
  return new Response(`${reason}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The body as text, up to MAX_BODY_BYTES; undefined when it is longer. */
async function boundedBody(request: Request): Promise<string | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Marks cached pages stale, for operators and deploy hooks (REVALIDATE_SECRET):
 * `{ "revalidations": [{ "path": "/en", "type": "layout" }, { "path": "/zh-CN/news/x" }] }`, or
 * `{ "tags": ["bs:all"] }` with the page-cache tags of lib/server/pageCache/pageTags.mjs. The server
 * follows its own content folder without this.
 */
export async function POST(request: Request) {
  if (!isAuthorised(request.headers.get('x-revalidate-token'))) return refused(request, 403, 'Forbidden');
  const text = await boundedBody(request);
  if (text === undefined) return refused(request, 413, `Body larger than ${MAX_BODY_BYTES} bytes`);
  let body: { revalidations?: unknown; tags?: unknown } = {};
  try {
    body = JSON.parse(text || '{}') as typeof body;
  } catch {
    return refused(request, 400, 'Body is not JSON');
  }
  const list = Array.isArray(body.revalidations) ? body.revalidations : [];
  let count = 0;
  for (const item of list as { path?: unknown; type?: unknown }[]) {
    if (typeof item?.path !== 'string' || !item.path.startsWith('/')) continue;
    revalidatePath(item.path, item.type === 'layout' ? 'layout' : undefined);
    count++;
  }
  const tags = Array.isArray(body.tags) ? body.tags.filter((tag): tag is string => typeof tag === 'string' && tag.startsWith('bs:')) : [];
  if (tags.length > 0) pageStore().revalidateTags(tags, 'expire');
  return Response.json({ revalidated: count + tags.length });
}
