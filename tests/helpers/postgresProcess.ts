/*
 * The PostgreSQL store's writer in a process of its own, for tests that kill it with -9.
 *   sync DATABASE_URL DIR BATCH [BULK_FROM]: syncs DIR, printing "[committed] N" after each
 *     transaction (in bulk from BULK_FROM files to read: lib/store/postgres/bulkLoad.ts).
 *   writer DATABASE_URL NAME: takes the writer lock ("[waiting] NAME" while another holds it),
 *     prints "[writing] NAME", then writes a change every 100 ms until killed.
 */
import { openPool } from '@/lib/store/postgres/connection';
import { syncFolder } from '@/lib/store/postgres/sync';
import { PostgresWriter } from '@/lib/store/postgres/writer';

const [mode, url, arg, batch, bulkFrom] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const options = { languages: ['en', 'zh-CN', 'zh-HK'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };

if (mode === 'sync') {
  const pool = openPool(url, { max: 2 });
  let committed = 0;
  const report = await syncFolder(url, pool, arg, {
    ...options,
    threads: 0,
    batch: Number(batch),
    ...(bulkFrom === undefined ? {} : { bulkFrom: Number(bulkFrom) }),
    allowDeletions: true,
    onBatch: () => console.info(`[committed] ${++committed}`),
  });
  console.info(`[done] ${JSON.stringify({ ...report, problems: report.problems.length })}`);
  await pool.end();
} else {
  const writer = await PostgresWriter.open(url, options, () => console.info(`[waiting] ${arg}`));
  console.info(`[writing] ${arg}`);
  for (;;) {
    await writer.transaction(() => writer.setMeta('last_writer', arg));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
