/**
 * npm run check: validates every Markdown file of the content folder (CONTENT_DIR, or ./content)
 * with the server's own catalog writer, and prints each problem as `file:line: field: message`.
 * Exits 1 when there is an error.
 */
import path from 'node:path';
import { languages, siteConfig } from '@/lib/config';
import { checkFolder } from '@/lib/content/catalog/checkFolder';
import { formatCheckReport } from '@/lib/content/checkReport';
import { contentDir } from '@/lib/content/contentDir';
import { widgetNames } from '@/lib/widgetNames';

const dir = path.resolve(process.argv[2] ?? contentDir());
const started = performance.now();
const { problems, files, articles, read } = await checkFolder({
  dir,
  languages: languages.map((language) => language.code),
  defaultLanguage: siteConfig.defaultLanguage,
  timeZone: siteConfig.timeZone,
  widgetNames,
  preview: false,
});
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(formatCheckReport(problems, { files, articles, errors, warnings: problems.length - errors }, dir));
console.log(`Checked ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s (${read} files read, the rest unchanged since the last check).`);
process.exitCode = errors > 0 ? 1 : 0;
