#!/usr/bin/env node
/**
 * Search benchmark: index build time and memory, then latency of 20 queries (Chinese,
 * Traditional, English, mixed, rare and very common) through the HTTP endpoints of `next start`.
 * Uses the current build (`npm run build`); the content folder is read at server start.
 *
 *   npm run bench:search [-- --content ../shared/corpus/content --rounds 25 --port 3400]
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { report } from './lib/output.mjs';
import { startServer } from './lib/server.mjs';
import { round, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: '../shared/corpus/content' },
    rounds: { type: 'string', default: '25' },
    port: { type: 'string', default: '3400' },
    json: { type: 'string', default: 'bench/results/search.json' },
  },
});
const contentDir = path.resolve(values.content);

/** [language, query, what it stands for] */
const QUERIES = [
  ['zh-CN', '人工智能', 'Chinese, common'],
  ['zh-CN', '峰会', 'Chinese, inside longer words'],
  ['zh-CN', '关税', 'Chinese'],
  ['zh-CN', '美联储', 'Chinese'],
  ['zh-CN', '中国', 'Chinese, very common'],
  ['zh-CN', '新能源汽车', 'Chinese, long'],
  ['zh-CN', '的', 'Chinese, single character, in everything'],
  ['zh-CN', 'DeepSeek 开源', 'mixed'],
  ['zh-CN', '苹果 iPhone', 'mixed'],
  ['zh-HK', '發展', 'Traditional'],
  ['zh-HK', '恒指', 'Cantonese'],
  ['zh-HK', '人工智能', 'Chinese on zh-HK'],
  ['en', 'rates', 'English, stemmed'],
  ['en', 'Trump tariffs', 'English, two words'],
  ['en', 'the', 'English, in everything'],
  ['en', 'Federal Reserve', 'English'],
  ['en', 'Nvidia earnings', 'English'],
  ['en', 'semiconductor', 'English'],
  ['en', 'zymurgy', 'English, rare or absent'],
  ['en', 'DeepSeek', 'English'],
];

async function time(url) {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const serverMs = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
  return { ms, serverMs, body };
}

console.log(`index build in a separate process on ${contentDir} …`);
const index = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/search-index.ts', contentDir], { encoding: 'utf8' }).trim().split('\n').at(-1),
);

console.log('starting next start …');
const server = await startServer({ port: Number(values.port), contentDir });
const built = await server.waitForLog(/\[search\] (\d+) articles indexed in (\d+) ms/);
const rssAfterIndex = server.rssMb();

const rounds = Number(values.rounds);
const rows = [['query', 'lang', 'results', 'api p50', 'api p99', 'server p50', 'server p99', 'page p50', 'page p99']];
const perQuery = [];
const all = { api: [], server: [], page: [] };
for (const [lang, query, kind] of QUERIES) {
  const q = encodeURIComponent(query);
  const api = [];
  const serverSide = [];
  const page = [];
  let results = 0;
  for (let round = 0; round < rounds; round++) {
    const suggest = await time(`${server.base}/api/search?lang=${lang}&q=${q}`);
    api.push(suggest.ms);
    serverSide.push(suggest.serverMs);
    const html = await time(`${server.base}/${lang}/search?q=${q}`);
    page.push(html.ms);
    results = Number(/class="search-count"[^>]*>[^<\d]*([\d,]+)/.exec(html.body)?.[1]?.replace(/,/g, '') ?? 0);
  }
  all.api.push(...api);
  all.server.push(...serverSide);
  all.page.push(...page);
  const [a, s, p] = [summary(api), summary(serverSide), summary(page)];
  perQuery.push({ lang, query, kind, results, api: a, server: s, page: p });
  rows.push([query, lang, results, a.p50, a.p99, s.p50, s.p99, p.p50, p.p99]);
}
const totals = { api: summary(all.api), server: summary(all.server), page: summary(all.page) };
rows.push(['all queries', '', '', totals.api.p50, totals.api.p99, totals.server.p50, totals.server.p99, totals.page.p50, totals.page.p99]);
const rssAfterRun = server.rssMb();
await server.stop();

const results = {
  contentDir,
  index: { ...index, serverBuildMs: Number(built[2]), serverArticles: Number(built[1]) },
  server: { readyMs: round(server.readyMs), rssAfterIndexMb: rssAfterIndex, rssAfterRunMb: rssAfterRun },
  rounds,
  queries: perQuery,
  totals,
};
report(
  `Search on ${index.articles} articles: index built in ${index.buildMs} ms alone, ${built[2]} ms inside the server; ` +
    `index memory ${index.memoryMb} MB; server RSS ${rssAfterIndex} MB after indexing, ${rssAfterRun} MB after the run. ` +
    `Latency in ms over ${rounds} rounds (api: JSON suggestions as the client sees them; server: time spent searching, ` +
    `from Server-Timing; page: the full HTML results page).`,
  rows,
  results,
  values.json,
);
