/**
 * npm run check: validates every Markdown file of the content folder (CONTENT_DIR, or ./content)
 * and prints each problem as `file:line: field: message`. Exits 1 when there is an error.
 */
import { languages, siteConfig } from '@/lib/config';
import { formatCheckReport } from '@/lib/content/checkReport';
import { contentDir } from '@/lib/content/contentDir';
import { loadArticles } from '@/lib/content/loadArticles';
import { widgetNames } from '@/lib/widgetNames';

const dir = process.argv[2] ?? contentDir();
const started = performance.now();
const { articles, problems, fileCount } = await loadArticles(dir, {
  languages: languages.map((language) => language.code),
  defaultLanguage: siteConfig.defaultLanguage,
  timeZone: siteConfig.timeZone,
  widgetNames,
});
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(
  formatCheckReport(problems, { files: fileCount, articles: articles.length, errors, warnings: problems.length - errors }, dir),
);
console.log(`Checked ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
process.exitCode = errors > 0 ? 1 : 0;
