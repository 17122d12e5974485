/**
 * npm run check: validates every Markdown file of the content folder (CONTENT_DIR, or ./content)
 * with the server's own catalog writer, and prints each problem as `file:line: field: message`.
 * Exits 1 when there is an error.
 */
import path from 'node:path';
import { checkFolder } from '@/lib/store/sqlite/checkFolder';
import { siteCatalogOptions } from '@/lib/store/ingest/siteOptions';
import { formatCheckReport } from '@/lib/content/checkReport';
import { formatScheduled } from '@/lib/content/scheduleReport';
import { contentDir } from '@/lib/content/contentDir';

const dir = path.resolve(process.argv[2] ?? contentDir());
const started = performance.now();
const checked = await checkFolder({ dir, ...siteCatalogOptions(false) }).catch((error: Error) => {
  console.error(`Nothing checked: ${error.message}`);
  process.exit(1);
});
const { problems, files, articles, read, unreadable, scheduled } = checked;
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(formatCheckReport(problems, { files, articles, errors, warnings: problems.length - errors }, dir));
for (const line of formatScheduled(scheduled, siteCatalogOptions(false).timeZone)) console.log(line);
console.log(`Checked ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s (${read} files read, the rest unchanged since the last check).`);
for (const { folder, reason } of unreadable)
  console.error(`Could not read ${path.join(dir, folder)} (${reason}): its files are reported as they were last read.`);
process.exitCode = errors > 0 || unreadable.length > 0 ? 1 : 0;
