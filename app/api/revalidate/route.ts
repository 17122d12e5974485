import { revalidatePath } from 'next/cache';
import { isAuthorised } from '@/lib/revalidation';

/**
 * Marks cached pages stale: `{ "revalidations": [{ "path": "/en", "type": "layout" }, { "path": "/zh-CN/news/x" }] }`.
 * Called by the content watcher of this process, or by an operator with REVALIDATE_SECRET.
 */
export async function POST(request: Request) {
  if (!isAuthorised(request.headers.get('x-revalidate-token'))) return new Response('Forbidden', { status: 403 });
  const body = (await request.json().catch(() => ({}))) as { revalidations?: unknown };
  const list = Array.isArray(body.revalidations) ? body.revalidations : [];
  let count = 0;
  for (const item of list as { path?: unknown; type?: unknown }[]) {
    if (typeof item?.path !== 'string' || !item.path.startsWith('/')) continue;
    revalidatePath(item.path, item.type === 'layout' ? 'layout' : undefined);
    count++;
  }
  return Response.json({ revalidated: count });
}
