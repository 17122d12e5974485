#!/usr/bin/env node
/**
 * The archive-scale benchmark: build, start, first renders, cached load, page weight, memory.
 *
 *   npm run bench -- [--content ../shared/corpus/content] [--scale 4] [--skip-build]
 *                    [--duration 20] [--connections 32] [--port 3500] [--json bench/results/run.json]
 *
 * --scale N benchmarks an archive N times the content folder (copies with new ids and dates in a
 * temporary folder). Prints one table and writes every figure as JSON.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { timedBuild } from './lib/build.mjs';
import { loadTest } from './lib/load.mjs';
import { report } from './lib/output.mjs';
import { pageWeight } from './lib/pageWeight.mjs';
import { scaledCopy } from './lib/scale.mjs';
import { startServer } from './lib/server.mjs';
import { round, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: '../shared/corpus/content' },
    scale: { type: 'string', default: '1' },
    'skip-build': { type: 'boolean', default: false },
    'first-renders': { type: 'string', default: '500' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    port: { type: 'string', default: '3500' },
    json: { type: 'string' },
  },
});
const scale = Number(values.scale);
const distDir = '.next-bench';
const results = { date: new Date().toISOString(), node: process.version, scale };

let contentDir = path.resolve(values.content);
let temporary;
if (scale > 1) {
  const started = performance.now();
  const copy = scaledCopy(contentDir, scale);
  temporary = copy.dir;
  contentDir = copy.dir;
  console.log(`${copy.files} files written to ${copy.dir} in ${Math.round(performance.now() - started)} ms`);
}
results.contentDir = contentDir;

try {
  if (!values['skip-build']) {
    console.log('next build …');
    results.build = timedBuild({ contentDir, distDir });
  }

  console.log('next start …');
  // "Ready" here is the first article served: the server has loaded the content index.
  const sample = await (async () => {
    // A cold start: no content snapshot yet, every file is read. It writes the snapshot the
    // measured start below uses, as a restarted or redeployed server with its cache would.
    rmSync(path.join(distDir, 'cache', 'broadsheet'), { recursive: true, force: true });
    const probe = await startServer({ port: Number(values.port), contentDir, distDir, readyPath: '/sitemap.xml' });
    results.coldStart = { sitemapServedMs: round(probe.readyMs) };
    const maps = [...(await (await fetch(`${probe.base}/sitemap.xml`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    const urls = [];
    for (const map of maps) {
      const xml = await (await fetch(probe.base + map)).text();
      for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) {
        const pathname = new URL(m[1].replace(/&amp;/g, '&')).pathname;
        if (pathname.split('/').length > 3 && !/^\/[^/]+\/(categories|tags)\//.test(pathname)) urls.push(pathname);
      }
    }
    await probe.stop();
    return urls;
  })();
  console.log(`${sample.length} article URLs in the sitemaps`);

  // A fresh server: every article is uncached.
  const articleUrl = sample[Math.floor(sample.length / 3)];
  const server = await startServer({ port: Number(values.port), contentDir, distDir, readyPath: articleUrl });
  results.server = { firstArticleMs: round(server.readyMs), rssAfterFirstArticleMb: server.rssMb() };
  const indexed = await server.waitForLog(/\[search\] (\d+) articles indexed in (\d+) ms/, 300_000);
  results.server.searchIndexMs = Number(indexed[2]);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  results.server.rssAtRestMb = server.rssMb();

  // First renders: distinct articles nobody has requested, one at a time.
  const count = Number(values['first-renders']);
  const step = Math.max(1, Math.floor(sample.length / count));
  const picks = sample.filter((_, i) => i % step === 1 % step).slice(0, count).filter((url) => url !== articleUrl);
  const firstRenders = [];
  let firstRenderErrors = 0;
  for (const url of picks) {
    const started = performance.now();
    const response = await fetch(server.base + url);
    await response.arrayBuffer();
    firstRenders.push(performance.now() - started);
    if (response.status !== 200) firstRenderErrors++;
  }
  results.firstRender = { ...summary(firstRenders), errors: firstRenderErrors };

  const lang = articleUrl.split('/')[1];
  const tagUrl = (await (await fetch(`${server.base}/sitemaps/${lang}-1.xml`)).text()).match(new RegExp(`<loc>[^<]*(/${lang}/tags/[^<]+)</loc>`))?.[1];
  const targets = { home: `/${lang}`, article: articleUrl, tag: tagUrl, search: `/${lang}/search?q=${encodeURIComponent(lang === 'en' ? 'market' : '市场')}` };
  results.load = {};
  for (const [name, url] of Object.entries(targets)) {
    if (!url) continue;
    console.log(`load: ${name} ${url}`);
    results.load[name] = await loadTest(server.base + url, { connections: Number(values.connections), durationSec: Number(values.duration) });
  }
  results.weight = { home: await pageWeight(server.base, targets.home), article: await pageWeight(server.base, articleUrl) };
  results.server.rssAfterRunMb = server.rssMb();
  // And once the load has been over for a while: what the server holds between bursts.
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  results.server.rssSettledMb = server.rssMb();
  await server.stop();
} finally {
  if (temporary) rmSync(temporary, { recursive: true, force: true });
}

const b = results.build;
const s = results.server;
const rows = [
  ['figure', 'value'],
  ...(b ? [['build: wall time (s)', round(b.wallMs / 1000)], ['build: peak memory (MB)', b.peakMb], ['build: pages prerendered', b.prerenderedPages]] : []),
  ['cold start (no snapshot) → sitemap served (ms)', results.coldStart.sitemapServedMs],
  ['server start → first article served (ms)', s.firstArticleMs],
  ['server memory after first article (MB)', s.rssAfterFirstArticleMb],
  ['search index built (ms after start)', s.searchIndexMs],
  ['server memory at rest after start (MB)', s.rssAtRestMb],
  ['server memory after the run (MB)', s.rssAfterRunMb],
  ['server memory 30 s after the run (MB)', s.rssSettledMb],
  [`first render, ${results.firstRender.count} uncached articles: p50 / p99 (ms)`, `${results.firstRender.p50} / ${results.firstRender.p99}`],
  ...Object.entries(results.load).map(([name, l]) => [`cached ${name}: req/s, p50 / p99 (ms), errors`, `${l.requestsPerSec}, ${l.p50Ms} / ${l.p99Ms}, ${l.errors}`]),
  ...Object.entries(results.weight).map(([name, w]) => [`${name}: HTML gzip / JS gzip / own JS gzip (KB)`, `${round(w.htmlGzip / 1024)} / ${round(w.jsGzip / 1024)} / ${round(w.ownJsGzip / 1024)}`]),
];
report(`Broadsheet benchmark, ${scale}× ${values.content}`, rows, results, values.json ?? `bench/results/run-x${scale}.json`);
