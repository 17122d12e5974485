#!/usr/bin/env node
/**
 * The importer against a running server: 10,000 upstream items (ten JSON files of the aggregator's
 * shape) imported with `npm run import` into the content folder of a server serving a copy of the
 * corpus, while readers keep requesting pages. Reports the import's time, how long until the
 * server shows every item, the readers' latency meanwhile, and the server's memory.
 *
 *   node bench/import.mjs [--count 10000] [--content ../shared/corpus/content] [--port 3600]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { report } from './lib/output.mjs';
import { archiveCopy } from './lib/scale.mjs';
import { startServer } from './lib/server.mjs';
import { round } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    content: { type: 'string', default: '../shared/corpus/content' },
    port: { type: 'string', default: '3600' },
    'dist-dir': { type: 'string', default: '.next' },
  },
});
const count = Number(values.count);
const FILES = 10;
const pad = (n) => String(n).padStart(2, '0');
const sentence = (i, j) =>
  `Item ${i} paragraph ${j}: the port handled ${(i * 37 + j) % 900} ships as the index moved ${(i % 7) - 3}.${j % 2 ? ' 港口吞吐量稳步上升，市场反应积极。' : ''}`;

const upstream = mkdtempSync(path.join(tmpdir(), 'broadsheet-upstream-'));
for (let file = 0; file < FILES; file++) {
  const data = [];
  for (let k = 0; k < count / FILES; k++) {
    const i = file * (count / FILES) + k;
    data.push({
      id: `bench-${i}`,
      title: `Benchmark import item ${i}: harbour "throughput" & markets`,
      description: Array.from({ length: 6 }, (_, j) => `<p>${sentence(i, j)}</p>`).join('') + '<script>x()</script>',
      image: i % 3 ? '' : `https://img.example.org/${i}.jpg`,
      link: `https://upstream.example.org/news/${i}`,
      pub_date: `2026-11-${pad(1 + (i % 28))} ${pad(i % 24)}:${pad(i % 60)}:${pad((i * 7) % 60)}`,
      source: 'benchimport',
      kind: 1,
      language: i % 4 === 3 ? 'zh-TW' : 'en-US',
    });
  }
  mkdirSync(path.join(upstream, `feed${file}`), { recursive: true });
  writeFileSync(path.join(upstream, `feed${file}`, 'list.json'), JSON.stringify({ data }));
}

const copy = archiveCopy(path.resolve(values.content), 1);
const server = await startServer({
  port: Number(values.port),
  contentDir: copy.dir,
  distDir: values['dist-dir'],
  readyPath: '/en',
  env: { BROADSHEET_CACHE_DIR: path.join(copy.dir, '.cache') },
});
await server.waitForLog(/\[content\] \d+ articles from/, 600_000);
const results = { count };
const rows = [['figure', 'value']];
try {
  // Readers all along: the home page and a tag page, 16 connections.
  const readers = autocannon({
    url: `${server.base}/en`,
    connections: 16,
    duration: 60,
    requests: [{ path: '/en' }, { path: '/en/tags/dow-jones-newswires' }],
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const started = performance.now();
  const output = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/import.ts', upstream, '--content', copy.dir], { encoding: 'utf8' });
  const importMs = performance.now() - started;
  const written = output.split('\n').reduce((sum, line) => sum + Number(/(\d+) written/.exec(line)?.[1] ?? 0), 0);
  // Shown: the English and Hong Kong term pages count them all.
  const shown = async () => {
    let total = 0;
    for (const lang of ['en', 'zh-HK']) {
      const html = await (await fetch(`${server.base}/${lang}/tags/benchimport`)).text();
      total += Number(/class="list-count">[^<]*?(\d[\d,]*)/.exec(html.replaceAll('<!-- -->', ''))?.[1]?.replace(/,/g, '') ?? 0);
    }
    return total;
  };
  let allShownMs;
  while (performance.now() - started < importMs + 120_000) {
    if ((await shown()) >= written) {
      allShownMs = performance.now() - started - importMs;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const load = await readers;
  Object.assign(results, {
    importMs: Math.round(importMs),
    written,
    itemsPerSec: Math.round(written / (importMs / 1000)),
    allShownAfterImportMs: allShownMs && Math.round(allShownMs),
    readers: {
      requestsPerSec: Math.round(load.requests.average),
      p50Ms: load.latency.p50,
      p99Ms: load.latency.p99,
      errors: load.errors + load.timeouts + load.non2xx,
    },
    rssMb: server.rssMb(),
  });
  rows.push(
    [`import of ${count} items: wall time (s), items written/s`, `${round(importMs / 1000)}, ${results.itemsPerSec} (${written} written)`],
    ['all of them shown by the server after the import ended (s)', allShownMs === undefined ? 'not within 120 s' : round(allShownMs / 1000)],
    [
      'readers meanwhile (home and a tag, 16 connections): req/s, p50 / p99 (ms), errors',
      `${results.readers.requestsPerSec}, ${results.readers.p50Ms} / ${results.readers.p99Ms}, ${results.readers.errors}`,
    ],
    ['server memory after (MB)', results.rssMb],
  );
} finally {
  await server.stop();
  rmSync(upstream, { recursive: true, force: true });
  rmSync(copy.dir, { recursive: true, force: true });
}
report(`Broadsheet import benchmark, ${count} items`, rows, results, 'bench/results/import.json');
