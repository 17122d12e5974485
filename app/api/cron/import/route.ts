import { revalidatePath } from 'next/cache';
import { languages } from '@/lib/config';
import { scheduledImport } from '@/lib/import/scheduled';
import { connectingAddress } from '@/lib/server/connectingAddress';
import { pageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import { isCronAuthorised } from '@/lib/server/revalidation/authorization';
import { importRefresh } from '@/lib/server/revalidation/importRefresh';

// An import fetches its sources and writes the store: never prerendered, and given a minute.
export const dynamic = 'force-dynamic';
export const maxDuration = 60;

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });

/**
 * The scheduled import (vercel.json's cron, every 10 minutes): `Authorization: Bearer $CRON_SECRET`
 * or 401. Imports IMPORT_SOURCES into the store (lib/import/scheduled.ts), then refreshes the
 * pages the new and changed articles touched: this server's page cache by tag, and by path what
 * reaches caches beyond it (Vercel's). 502 when a source could not be read or imported.
 */
export async function GET(request: Request) {
  if (!isCronAuthorised(request.headers.get('authorization'))) {
    console.warn(`[import] refused a request without the cron secret from ${connectingAddress(request.headers) ?? 'an address this server was not told'}`);
    return text('Unauthorized', 401, { 'WWW-Authenticate': 'Bearer' });
  }
  const run = await scheduledImport();
  if ('refused' in run) return text(`Nothing imported: ${run.refused}`, 503);
  const { tags, paths } = importRefresh(
    run.touched,
    languages.map((language) => language.code),
  );
  if (tags.length > 0) pageStore().revalidateTags(tags, 'expire');
  for (const { path, type } of paths) revalidatePath(path, type);
  return Response.json(
    { imported: run.readable, written: run.written, touched: run.touched.length, refreshed: paths.length, sources: run.lines },
    { status: run.readable ? 200 : 502, headers: { 'Cache-Control': 'no-store' } },
  );
}
