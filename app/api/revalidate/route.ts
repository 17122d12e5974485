import { revalidatePath } from 'next/cache';
import { pageStore } from '@/lib/pageCache/cacheHandler.mjs';
import { isAuthorised } from '@/lib/revalidation/authorization';

/**
 * Marks cached pages stale, for operators and deploy hooks (REVALIDATE_SECRET):
 * `{ "revalidations": [{ "path": "/en", "type": "layout" }, { "path": "/zh-CN/news/x" }] }`, or
 * `{ "tags": ["bs:all"] }` with the page-cache tags of lib/pageCache/pageTags.mjs. The server
 * follows its own content folder without this.
 */
export async function POST(request: Request) {
  if (!isAuthorised(request.headers.get('x-revalidate-token'))) return new Response('Forbidden', { status: 403 });
  const body = (await request.json().catch(() => ({}))) as { revalidations?: unknown; tags?: unknown };
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
