#!/usr/bin/env node
/**
 * The benchmark's figures side by side, as a Markdown table: one column per results file
 * (`npm run bench:table -- bench/results/run-x1.json bench/results/run-x10.json …`), one row per
 * figure, "–" where a run did not measure it. docs/benchmarks.md is made with it.
 */
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/table.mjs RESULTS.json...');
  process.exit(2);
}
const runs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));

const pair = (a, b) => (a === undefined || b === undefined ? undefined : `${a} / ${b}`);
const percentiles = (s) => s && pair(s.p50, s.p99);
const seconds = (ms) => (ms === undefined ? undefined : Math.round(ms / 100) / 10);
const load = (l) => l && `${l.requestsPerSec}, ${l.p50Ms} / ${l.p99Ms}`;
const render = (run, prefix) => Object.entries(run.renders ?? {}).find(([name]) => name.startsWith(prefix));
const flow = (run, where, interval) => run.flow?.find((phase) => phase.where === where && (phase.intervalSec ?? 0) === interval);
const flowCell = (phase) =>
  phase && `${phase.requestsPerSec}, ${phase.p50Ms} / ${phase.p99Ms}${phase.published ? `; ${phase.onHomeWithin5s}/${phase.published}` : ''}`;

/** [figure, value of a run] */
const rows = [
  ['commit', (r) => r.commit && `\`${r.commit}\``],
  ['articles', (r) => r.firstStart?.articles],
  ['`next build`: s / peak MB', (r) => r.build && pair(seconds(r.build.wallMs), r.build.peakMb)],
  ['first start: first article served (s)', (r) => seconds(r.firstStart?.firstArticleMs)],
  [
    'first start: all indexed and searchable (s)',
    (r) => (r.firstStart?.indexedMs === undefined ? '' : `${seconds(r.firstStart.indexedMs)}${r.firstStart.coldCache ? ' (empty file cache)' : ''}`),
  ],
  ['first start: RSS at most while indexing (MB)', (r) => r.firstStart?.rssMaxMb],
  ['catalog on disk, catalog + search index (MB)', (r) => r.firstStart?.catalogMb],
  ['restart: first article served (ms)', (r) => r.restart?.firstArticleMs],
  ['restart: files checked against the catalog (s)', (r) => seconds(r.restart?.passMs)],
  ['RSS at rest after restart (MB)', (r) => r.restart?.rssAtRestMb],
  ['uncached article: p50 / p99 (ms)', (r) => percentiles(r.renders?.article)],
  ['uncached home: p50 / p99 (ms)', (r) => percentiles(r.renders?.home)],
  [
    'uncached list page (number): p50 / p99 (ms)',
    (r) => render(r, 'list page') && `(${render(r, 'list page')[0].slice(10)}) ${percentiles(render(r, 'list page')[1])}`,
  ],
  [
    'uncached biggest tag (articles): p50 / p99 (ms)',
    (r) => render(r, 'biggest') && `(${/\d+/.exec(render(r, 'biggest')[0])}) ${percentiles(render(r, 'biggest')[1])}`,
  ],
  ['search API, 20 queries x 10: p50 / p99 (ms)', (r) => percentiles(r.search?.api)],
  ['search API, time searching: p50 / p99 (ms)', (r) => percentiles(r.search?.apiServer)],
  ['search results page: p50 / p99 (ms)', (r) => percentiles(r.search?.resultsPage)],
  ['new article findable by search after (ms)', (r) => r.search?.newArticleFindableMs],
  ['cached article at the origin: req/s, p50 / p99 (ms)', (r) => load(r.load?.article)],
  ['news flow at the origin, still: req/s, p50 / p99 (ms)', (r) => flowCell(flow(r, 'origin', 0))],
  ['… a new article every 30 s; on home within 5 s', (r) => flowCell(flow(r, 'origin', 30))],
  ['… a new article every 5 s; on home within 5 s', (r) => flowCell(flow(r, 'origin', 5))],
  ['news flow through nginx, still', (r) => flowCell(flow(r, 'nginx cache', 0))],
  ['… a new article every 30 s', (r) => flowCell(flow(r, 'nginx cache', 30))],
  ['… a new article every 5 s', (r) => flowCell(flow(r, 'nginx cache', 5))],
  ['RSS during the news flow, at most (MB)', (r) => r.flow && Math.max(...r.flow.map((phase) => phase.rssMaxMb))],
  ['page cache on disk after the news flow (MB)', (r) => r.flow?.at(-1)?.pageCacheMb],
  ['nginx: static file / cached article, req/s (wrk)', (r) => r.proxy && pair(r.proxy.static.requestsPerSec, r.proxy.cached.requestsPerSec)],
  ['`npm run check` (s)', (r) => seconds(r.check?.ms)],
];

const header = ['figure', ...runs.map((run) => `${run.scale}x`)];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
for (const [name, value] of rows) {
  const cells = runs.map((run) => value(run) ?? '–');
  if (cells.every((cell) => cell === '–')) continue;
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
