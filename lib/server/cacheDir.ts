import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where this server keeps what it can rebuild (the SQLite catalog, rendered pages):
 * BROADSHEET_CACHE_DIR, or `.next/cache/broadsheet/` beside the build, where Next.js keeps its own caches;
 * on Vercel, whose functions' code is read-only, the temporary folder.
 */
export function defaultCacheDir(): string {
  if (!process.env.BROADSHEET_CACHE_DIR && process.env.VERCEL) return path.join(tmpdir(), 'broadsheet');
  return process.env.BROADSHEET_CACHE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'cache', 'broadsheet');
}
