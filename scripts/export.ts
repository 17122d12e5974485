/**
 * npm run export -- DIR: writes every file the PostgreSQL store (DATABASE_URL) holds back out as a
 * content folder under DIR, byte for byte, with the modification times they were synced with.
 */
import path from 'node:path';
import { exportFolder, isPostgresUrl, openPostgresStore } from '@/lib/store/postgres';

const url = process.env.DATABASE_URL;
const target = process.argv[2];
if (!isPostgresUrl(url) || !target) {
  console.error('Usage: DATABASE_URL=postgres://… npm run export -- DIR');
  process.exit(2);
}
const store = await openPostgresStore(url, { applicationName: 'broadsheet-export' });
try {
  const started = performance.now();
  const written = await exportFolder(store.pool, path.resolve(target));
  console.log(`Exported ${written} files into ${path.resolve(target)} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await store.close();
}
