/**
 * npm run sync [-- --allow-deletions] [DIR]: writes the content folder (DIR, CONTENT_DIR, or
 * ./content) into the PostgreSQL store named by DATABASE_URL: only what changed since the last
 * sync, by content hash, deletions included, in transactions. Killed, it is run again and picks
 * up where it stopped. A folder that is missing or would remove more than a tenth of the articles
 * at once is refused unless --allow-deletions. Running servers hear of every change at once.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '@/lib/content/problems';
import { contentDir } from '@/lib/content/contentDir';
import { siteCatalogOptions } from '@/lib/store/ingest/siteOptions';
import { isPostgresUrl, openPostgresStore, SyncRefused, syncFolder } from '@/lib/store/postgres';

const { values, positionals } = parseArgs({ options: { 'allow-deletions': { type: 'boolean', default: false } }, allowPositionals: true });
const url = process.env.DATABASE_URL;
if (!isPostgresUrl(url)) {
  console.error('npm run sync writes into a PostgreSQL store: set DATABASE_URL=postgres://… (without it, the server reads the content folder itself).');
  process.exit(2);
}
const dir = path.resolve(positionals[0] ?? contentDir());
// The sync builds any index a killed sync left missing itself, after writing (bulkLoad.ts).
const store = await openPostgresStore(url, { applicationName: 'broadsheet-sync', repair: false });
try {
  const report = await syncFolder(url, store.pool, dir, {
    ...siteCatalogOptions(false),
    allowDeletions: values['allow-deletions'],
    onWaiting: () => console.info('Another instance is writing into the store; waiting for it.'),
    onBatch: (_set, progress) => process.stdout.isTTY && process.stdout.write(`\r${progress.read} files read, ${progress.written} written…`),
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  for (const problem of report.problems) console.warn(`${problem.severity} ${formatProblem(problem)}`);
  console.log(
    `Synced ${dir} into the store in ${report.seconds} s: ${report.files} files, ${report.read} read, ${report.written} written, ${report.deleted} removed, ${report.changed} article(s) changed.`,
  );
} catch (error) {
  if (!(error instanceof SyncRefused)) throw error;
  console.error(`Nothing synced: ${error.message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
