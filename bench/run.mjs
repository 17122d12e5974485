#!/usr/bin/env node
/**
 * The benchmark: build, first start and restart, uncached renders, search, cached load, a living
 * newsroom at the origin and through the nginx cache in front, the cache against static files,
 * `npm run check`, memory and disk.
 *
 *   npm run bench -- [--content ../shared/corpus/content] [--scale 10 --archive /data/x10] [--reuse-catalog] [--cold-start]
 *                    [--phases build,start,renders,search,load,flow,proxy,check]
 *                    [--store sqlite|postgres [--database-url postgres://…/postgres [--reuse-store]] [--postgres-port 3590]]
 *                    [--flow-duration 60] [--flow-intervals 0,30,5] [--flow-through origin,nginx]
 *                    [--duration 20] [--json FILE]
 *
 * --scale N benchmarks an archive N times the content folder (copies with new ids and dates),
 * written to --archive (kept for the next run) or a temporary folder. Phases may be chosen;
 * `start` always runs when a later phase needs a server. --cold-start empties the system's file
 * cache before the first start (root only), as after a reboot: the first start then reads every
 * file from disk. Prints one table, writes JSON.
 */
import { readdirSync, rmSync, statSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { timedBuild } from './lib/build.mjs';
import { loadTest } from './lib/load.mjs';
import { fileMb, newsFlowPhase, unpublish, warm } from './lib/newsFlow.mjs';
import { hasNginx, startNginx } from './lib/nginx.mjs';
import { report } from './lib/output.mjs';
import { createDatabase, startCluster, storeMb, timedSync } from './lib/postgres.mjs';
import { pageWeight } from './lib/pageWeight.mjs';
import { archiveCopy } from './lib/scale.mjs';
import { startServer } from './lib/server.mjs';
import { round, summary } from './lib/stats.mjs';
import { hasWrk, wrk } from './lib/wrk.mjs';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: '../shared/corpus/content' },
    scale: { type: 'string', default: '1' },
    archive: { type: 'string' },
    phases: { type: 'string', default: 'build,start,renders,search,load,flow,proxy,check' },
    'skip-build': { type: 'boolean', default: false },
    'reuse-catalog': { type: 'boolean', default: false },
    'cold-start': { type: 'boolean', default: false },
    'first-renders': { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    'flow-duration': { type: 'string', default: '60' },
    'flow-intervals': { type: 'string', default: '0,30,5' },
    'flow-through': { type: 'string', default: 'origin,nginx' },
    'tail-size': { type: 'string', default: '3000' },
    connections: { type: 'string', default: '32' },
    port: { type: 'string', default: '3500' },
    json: { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
    'reuse-store': { type: 'boolean', default: false },
    'postgres-port': { type: 'string', default: '3590' },
  },
});
if (!['sqlite', 'postgres'].includes(values.store)) throw new Error(`--store sqlite or --store postgres, not ${values.store}`);
const onPostgres = values.store === 'postgres';
const scale = Number(values.scale);
const phases = new Set(values.phases.split(','));
if (values['skip-build']) phases.delete('build');
const port = Number(values.port);
const connections = Number(values.connections);
const distDir = '.next-bench';
const cacheDir = path.resolve(distDir, 'cache', 'broadsheet');
const secret = 'bench-secret';
const timeZone = 'Asia/Shanghai';
/** The commit benchmarked, and whether the working tree differed from it. */
function sourceVersion() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}
const results = { date: new Date().toISOString(), node: process.version, commit: sourceVersion(), store: values.store, scale, phases: [...phases] };
// A server started on an older build measures older code.
if (!phases.has('build')) console.warn(`--skip-build: measuring the build in ${distDir} as it is, not ${results.commit}`);
const rows = [['figure', 'value']];
const row = (label, value) => rows.push([label, value]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The benchmark's newsroom writes into the archive it serves: always a copy, never the source.
const started = performance.now();
const copy = archiveCopy(path.resolve(values.content), scale, values.archive);
const contentDir = copy.dir;
const temporary = values.archive ? undefined : copy.dir;
console.log(`${copy.files} files in ${copy.dir} (${copy.reused ? 'reused' : `written in ${Math.round(performance.now() - started)} ms`})`);
results.contentDir = contentDir;
// Where the benchmark's newsroom files its articles, removed after each phase and at the end.
const flowFolders = ['en/news/benchflow', 'zh-CN/news/benchflow', 'en/news/benchcheck'].map((folder) => path.join(contentDir, folder));
const cleanFlowFolders = () => flowFolders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
cleanFlowFolders();

const serverEnv = { REVALIDATE_SECRET: secret, BROADSHEET_CACHE_DIR: cacheDir };
const catalogFiles = () => {
  try {
    return readdirSync(cacheDir).filter((name) => /^catalog-.*\.sqlite(-wal)?$/.test(name));
  } catch {
    return [];
  }
};
const catalogMb = () => Math.round(catalogFiles().reduce((sum, name) => sum + statSync(path.join(cacheDir, name)).size, 0) / 1024 / 1024);
const pageCacheFile = path.join(cacheDir, 'pages.sqlite');

/** Revalidates page-cache tags through the site's API, as an operator would. */
async function revalidate(base, tags) {
  const response = await fetch(`${base}/api/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-revalidate-token': secret },
    body: JSON.stringify({ tags }),
  });
  if (!response.ok) throw new Error(`revalidate answered ${response.status}`);
}

/** Empties the system's file cache (root only): true when it did. */
function dropFileCache() {
  try {
    execFileSync('sh', ['-c', 'sync && echo 3 > /proc/sys/vm/drop_caches'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('--cold-start: the file cache could not be emptied (root only); the first start reads what the system has cached');
    return false;
  }
}

async function timed(url) {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return {
    ms: performance.now() - started,
    status: response.status,
    body,
    serverMs: Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]),
  };
}

/** Article paths from a language's sitemaps, newest first, up to `limit`. */
async function articlePaths(base, lang, limit) {
  const paths = [];
  for (let part = 1; paths.length < limit; part++) {
    const response = await fetch(`${base}/sitemaps/${lang}-${part}.xml`);
    if (!response.ok) break;
    const xml = await response.text();
    for (const match of xml.matchAll(/<loc>[^<]*?(\/[^<]+)<\/loc>/g)) {
      const pathname = new URL(match[1].replace(/&amp;/g, '&'), 'http://x').pathname;
      if (pathname.split('/').length > 3 && !/^\/[^/]+\/(categories|tags)\//.test(pathname)) paths.push(pathname);
      if (paths.length >= limit) break;
    }
  }
  return paths;
}

/** The throwaway PostgreSQL of `--store postgres` without --database-url. */
let cluster;
try {
  if (phases.has('build')) {
    console.log('next build …');
    const build = timedBuild({ contentDir, distDir, keep: values['reuse-catalog'] ? [path.relative(distDir, cacheDir)] : [] });
    results.build = build;
    row('build: wall time (s) / peak memory (MB)', `${round(build.wallMs / 1000)} / ${build.peakMb}`);
  }

  const needServer = ['start', 'renders', 'search', 'load', 'flow', 'proxy'].some((phase) => phases.has(phase));
  let server;
  let sample = [];
  if (needServer && onPostgres) {
    // The store is loaded by `npm run sync` (as an operator moving to PostgreSQL does), then a
    // fresh instance starts on it: nothing to build, so its first article and first search are timed.
    if (!values['database-url']) cluster = startCluster(Number(values['postgres-port']));
    // --reuse-store: the database named is one an earlier run (or `npm run sync`) loaded with this
    // folder, to measure the later phases again at a large scale; only the second sync is timed.
    const reuse = values['reuse-store'] && values['database-url'];
    const databaseUrl = reuse ? values['database-url'] : await createDatabase(values['database-url'] ?? cluster.url);
    serverEnv.DATABASE_URL = databaseUrl;
    let first;
    if (!reuse) {
      console.log('npm run sync from empty …');
      first = timedSync(databaseUrl, contentDir);
    }
    console.log('npm run sync, nothing changed …');
    const second = timedSync(databaseUrl, contentDir);
    results.sync = {
      fromEmptyMs: first?.wallMs,
      files: first?.files ?? second.files,
      unchangedMs: second.wallMs,
      unchangedWritten: second.written,
      store: await storeMb(databaseUrl),
    };
    if (first) row('sync from empty: wall time (s; files a second)', `${round(first.wallMs / 1000)} (${Math.round(first.files / (first.wallMs / 1000))})`);
    row('sync with nothing changed: wall time (s)', round(second.wallMs / 1000));
    row('store on disk (MB: all / full-text index)', `${results.sync.store.totalMb} / ${results.sync.store.searchMb}`);
    rmSync(cacheDir, { recursive: true, force: true });
    console.log('a fresh instance on the store …');
    server = await startServer({ port, contentDir, distDir, readyPath: '/en', env: serverEnv });
    sample = await articlePaths(server.base, 'en', Number(values['tail-size']) + 500);
    const article = await timed(server.base + sample[0]);
    const search = await timed(`${server.base}/api/search?lang=en&q=market`);
    results.freshInstance = { homeMs: round(server.readyMs), firstArticleMs: round(article.ms), firstSearchMs: round(search.ms), rssMb: server.rssMb() };
    row('fresh instance: home answered after start (ms)', results.freshInstance.homeMs);
    row('fresh instance: then its first article / first search (ms)', `${results.freshInstance.firstArticleMs} / ${results.freshInstance.firstSearchMs}`);
    // A server with the folder compares it with the store once it starts (every file stated, as
    // a SQLite server checks its files after a restart): the renders below are timed after it.
    const checked = await server.waitForLog(/the whole folder checked against the store: \d+ files, nothing changed \(([\d.]+) s\)/, 600_000);
    results.freshInstance.folderCheckedS = Number(checked[1]);
    row('fresh instance: folder checked against the store (s)', results.freshInstance.folderCheckedS);
  } else if (needServer) {
    // A first start on a folder the server has never seen: no catalog, no cached page. With
    // --reuse-catalog (to measure later phases again at a large scale) the catalog is kept, and
    // this start is a restart: its figures are not a first start's and are not reported.
    if (values['reuse-catalog']) rmSync(path.join(cacheDir, 'pages.sqlite'), { force: true });
    else rmSync(cacheDir, { recursive: true, force: true });
    console.log(values['reuse-catalog'] ? 'start on the existing catalog …' : 'first start …');
    const coldCache = values['cold-start'] && dropFileCache();
    const cold = await startServer({ port, contentDir, distDir, readyPath: '/en', env: serverEnv });
    const rss = [];
    const sampler = setInterval(() => rss.push(cold.rssMb()), 1000);
    // The first article served: the first one the catalog lists, whichever language it reads first.
    let firstArticleMs;
    while (firstArticleMs === undefined) {
      for (const lang of ['en', 'zh-CN', 'zh-HK']) {
        const [first] = await articlePaths(cold.base, lang, 1);
        if (first && (await fetch(cold.base + first)).status === 200) {
          firstArticleMs = performance.now() - cold.startedAt;
          break;
        }
      }
      if (firstArticleMs === undefined) await sleep(200);
    }
    const pass = await cold.waitForLog(/\[content\] (\d+) articles from (\d+) files .*\(([\d.]+) s;/, 3_600_000);
    clearInterval(sampler);
    results.firstStart = {
      readyMs: round(cold.readyMs),
      firstArticleMs: round(firstArticleMs),
      indexedMs: Math.round(Number(pass[3]) * 1000),
      articles: Number(pass[1]),
      files: Number(pass[2]),
      rssMaxMb: Math.max(...rss),
      catalogMb: catalogMb(),
      coldCache,
    };
    if (values['reuse-catalog']) results.firstStart = { reused: true, catalogMb: results.firstStart.catalogMb };
    else row('first start: first article served (ms)', results.firstStart.firstArticleMs);
    if (!values['reuse-catalog'])
      row(
        `first start${coldCache ? ' (empty file cache)' : ''}: all ${results.firstStart.articles} articles indexed, searchable (s)`,
        round(results.firstStart.indexedMs / 1000),
      );
    if (!values['reuse-catalog']) row('first start: server memory at most while indexing (MB)', results.firstStart.rssMaxMb);
    row('catalog on disk (MB: catalog + search index)', results.firstStart.catalogMb);
    sample = await articlePaths(cold.base, 'en', Number(values['tail-size']) + 500);
    await cold.stop();

    console.log('restart …');
    // A restart: the catalog is there; only files changed since are read (none).
    server = await startServer({ port, contentDir, distDir, readyPath: sample[0], env: serverEnv });
    const restartPass = await server.waitForLog(/\[content\] (\d+) articles from (\d+) files .*\(([\d.]+) s;/, 600_000);
    await sleep(3000);
    results.restart = { firstArticleMs: round(server.readyMs), passMs: Math.round(Number(restartPass[3]) * 1000), rssAtRestMb: server.rssMb() };
    row('restart: first article served (ms)', results.restart.firstArticleMs);
    row('restart: files checked against the catalog (s)', round(results.restart.passMs / 1000));
    row('server memory at rest after restart (MB)', results.restart.rssAtRestMb);
  }

  const base = server?.base;
  const lang = 'en';

  if (phases.has('renders')) {
    console.log('uncached renders …');
    const picks = sample.slice(Math.floor(sample.length / 3)).slice(0, Number(values['first-renders']));
    const articleMs = [];
    for (const url of picks) articleMs.push((await timed(base + url)).ms);
    // Homes, list page 5,000 (or the last), the biggest tag: each rendered afresh 20 times.
    const tagsHtml = (await timed(`${base}/${lang}/tags`)).body.replaceAll('<!-- -->', '');
    const tags = [...tagsHtml.matchAll(/href="(\/[^"]+\/tags\/[^"]+)">[^<]*<\/a>\s*<span class="count">\((\d+)\)/g)].map((m) => ({
      href: m[1],
      count: Number(m[2]),
    }));
    const biggest = tags.sort((a, b) => b.count - a.count)[0];
    // Fresh, not the copy the page cache may serve once more while it renders anew.
    await revalidate(base, [`bs:list:${lang}`]);
    const homeHtml = (await timed(`${base}/${lang}`)).body;
    const lastPage = Number((/class="pagination" aria-label="Page [\d,]+ of ([\d,]+)"/.exec(homeHtml)?.[1] ?? '1').replace(/,/g, ''));
    const listPage = Math.min(5000, lastPage);
    const targets = {
      home: { url: `/${lang}`, tags: [`bs:list:${lang}`] },
      [`list page ${listPage}`]: { url: `/${lang}/page/${listPage}`, tags: [`bs:list:${lang}`] },
    };
    if (biggest) targets[`biggest tag (${biggest.count} articles)`] = { url: biggest.href, tags: ['bs:all'] };
    results.renders = { article: summary(articleMs) };
    row(`uncached render, ${articleMs.length} articles: p50 / p99 (ms)`, `${results.renders.article.p50} / ${results.renders.article.p99}`);
    for (const [name, target] of Object.entries(targets)) {
      const ms = [];
      for (let i = 0; i < 20; i++) {
        await revalidate(base, target.tags);
        ms.push((await timed(base + target.url)).ms);
      }
      results.renders[name] = summary(ms);
      row(`uncached render, ${name}: p50 / p99 (ms)`, `${results.renders[name].p50} / ${results.renders[name].p99}`);
    }
  }

  if (phases.has('search')) {
    console.log('search …');
    const { QUERIES } = await import('./lib/queries.mjs');
    const api = [];
    const apiServer = [];
    const pages = [];
    for (let round_ = 0; round_ < 10; round_++) {
      for (const [queryLang, query] of QUERIES) {
        const answer = await timed(`${base}/api/search?lang=${encodeURIComponent(queryLang)}&q=${encodeURIComponent(query)}`);
        if (answer.status !== 200) throw new Error(`search API answered ${answer.status} for ${query}`);
        api.push(answer.ms);
        apiServer.push(answer.serverMs);
        if (round_ < 2) pages.push((await timed(`${base}/${queryLang}/search?q=${encodeURIComponent(query)}`)).ms);
      }
    }
    // A new article findable by a word of its own.
    const word = `zqx${Date.now().toString(36)}`;
    mkdirSync(flowFolders[2], { recursive: true });
    const written = performance.now();
    writeFileSync(path.join(flowFolders[2], `${word}.en.md`), `---\ntitle: "Search probe ${word}"\ndate: "2020-01-01 00:00:00"\n---\n\nThe word ${word}.\n`);
    let findableMs;
    while (performance.now() - written < 30_000) {
      // The answer echoes the query: only a result titled with the word counts.
      const answer = await timed(`${base}/api/search?lang=en&q=${word}`);
      if (answer.status === 200 && JSON.parse(answer.body).results.some((result) => result.title.includes(word))) {
        findableMs = performance.now() - written;
        break;
      }
      await sleep(100);
    }
    rmSync(flowFolders[2], { recursive: true, force: true });
    results.search = { api: summary(api), apiServer: summary(apiServer), resultsPage: summary(pages), newArticleFindableMs: findableMs && round(findableMs) };
    row(`search API, ${QUERIES.length} queries x 10: p50 / p99 (ms)`, `${results.search.api.p50} / ${results.search.api.p99}`);
    row('search API, time searching (Server-Timing): p50 / p99 (ms)', `${results.search.apiServer.p50} / ${results.search.apiServer.p99}`);
    row('search results page: p50 / p99 (ms)', `${results.search.resultsPage.p50} / ${results.search.resultsPage.p99}`);
    row('new article findable by search after (ms)', results.search.newArticleFindableMs ?? 'not within 30 s');
  }

  if (phases.has('load')) {
    const targets = { home: `/${lang}`, article: sample[0], tag: `/${lang}/tags/${encodeURIComponent('dow-jones-newswires')}` };
    results.load = {};
    for (const [name, url] of Object.entries(targets)) {
      if (!url || (await fetch(base + url)).status !== 200) continue;
      console.log(`load: ${name} ${url}`);
      results.load[name] = await loadTest(base + url, { connections, durationSec: Number(values.duration) });
      const l = results.load[name];
      row(`cached ${name}, origin: req/s, p50 / p99 (ms), errors`, `${l.requestsPerSec}, ${l.p50Ms} / ${l.p99Ms}, ${l.errors}`);
    }
    results.weight = { home: await pageWeight(base, targets.home), article: await pageWeight(base, targets.article) };
    for (const [name, w] of Object.entries(results.weight))
      row(`${name}: HTML gzip / JS gzip / own JS gzip (KB)`, `${round(w.htmlGzip / 1024)} / ${round(w.jsGzip / 1024)} / ${round(w.ownJsGzip / 1024)}`);
  }

  let proxy;
  if ((phases.has('flow') || phases.has('proxy')) && hasNginx()) proxy = await startNginx({ port: port + 1, upstreamPort: port, workers: 2 });

  if (phases.has('flow')) {
    // Readers: half to a few popular pages, half to a long tail, all warmed first.
    const popularArticles = sample.slice(0, 20);
    const popular = [
      '/en',
      '/zh-CN',
      '/zh-HK',
      `/en/tags/${encodeURIComponent('dow-jones-newswires')}`,
      `/en/categories/${encodeURIComponent('dow-jones-newswires')}`,
      ...popularArticles,
    ];
    const tail = sample.slice(20, 20 + Number(values['tail-size']));
    console.log(`news flow: warming ${popular.length + tail.length} pages …`);
    await warm(base, [...popular, ...tail]);
    if (proxy) await warm(proxy.origin, [...popular, ...tail], 8);
    const intervals = values['flow-intervals'].split(',').map(Number);
    results.flow = [];
    const through = new Set(values['flow-through'].split(','));
    const sides = [...(through.has('origin') ? [['origin', base]] : []), ...(proxy && through.has('nginx') ? [['nginx cache', proxy.origin]] : [])];
    for (const [where, readersBase] of sides) {
      for (const interval of intervals) {
        const label = `${where}, ${interval ? `a new article every ${interval} s` : 'no new articles'}`;
        console.log(`news flow: ${label} …`);
        const phase = await newsFlowPhase({
          base: readersBase,
          watchBase: readersBase,
          popular,
          tail,
          connections,
          durationSec: Number(values['flow-duration']),
          intervalSec: interval || undefined,
          contentDir,
          timeZone,
          pid: server.pid,
          pageCacheFile,
          label: `${where === 'origin' ? 'o' : 'c'}${interval}`,
        });
        results.flow.push({ where, ...phase, files: undefined });
        unpublish(phase.files);
        row(
          `${label}: req/s, p50 / p99 (ms), errors`,
          `${phase.requestsPerSec}, ${phase.p50Ms} / ${phase.p99Ms}, ${phase.errors}` +
            (interval ? `; on home within 5 s: ${phase.onHomeWithin5s}/${phase.published}` : ''),
        );
        await sleep(2000);
        // Deleting the phase's articles took down the newest of the language, which every page's
        // recent articles showed: those pages render afresh, so the next phase is warmed again.
        if (interval) {
          await warm(base, [...popular, ...tail]);
          if (proxy) await warm(proxy.origin, [...popular, ...tail], 8);
        }
      }
    }
    const last = results.flow.at(-1);
    row('server memory at the end of the news flow (MB) / at most (MB)', `${last.rssEndMb} / ${Math.max(...results.flow.map((p) => p.rssMaxMb))}`);
    row('page cache on disk at the end (MB)', fileMb(pageCacheFile));
  }

  if (phases.has('proxy') && proxy && hasWrk()) {
    // nginx serving the article's HTML as a static file, against the same article from the cache.
    const article = sample[0];
    const staticRoot = mkdtempSync(path.join(tmpdir(), 'broadsheet-static-'));
    mkdirSync(path.join(staticRoot, path.dirname(article)), { recursive: true });
    writeFileSync(path.join(staticRoot, `${article}.html`), await (await fetch(base + article)).text());
    const staticConf = path.join(staticRoot, 'static.conf');
    writeFileSync(staticConf, `server {\n  listen 80;\n  root ${staticRoot};\n  location / { try_files $uri.html =404; }\n}\n`);
    const staticNginx = await startNginx({ port: port + 2, upstreamPort: port, config: staticConf, workers: 2, readyPath: article });
    await fetch(proxy.origin + article).then((r) => r.arrayBuffer());
    const staticLoad = wrk(staticNginx.origin + article, { connections, durationSec: 10 });
    const cachedLoad = wrk(proxy.origin + article, { connections, durationSec: 10 });
    // And while news flows: a new article every 5 s meanwhile.
    const published = [];
    const publisher = setInterval(() => {
      const file = path.join(flowFolders[0], `wrk-${Date.now()}.en.md`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `---\ntitle: "Flow ${Date.now()}"\ndate: "2026-11-30 00:00:00"\n---\n\nText.\n`);
      published.push(file);
    }, 5000);
    const flowingLoad = wrk(proxy.origin + article, { connections, durationSec: 10 });
    clearInterval(publisher);
    unpublish(published);
    await staticNginx.stop();
    rmSync(staticRoot, { recursive: true, force: true });
    results.proxy = { static: staticLoad, cached: cachedLoad, cachedWhileNewsFlows: flowingLoad };
    row('nginx, static file of the article: req/s, p50 / p99 (ms) (wrk)', `${staticLoad.requestsPerSec}, ${staticLoad.p50Ms} / ${staticLoad.p99Ms}`);
    row(
      'nginx cache, the cached article: req/s, p50 / p99 (ms), errors',
      `${cachedLoad.requestsPerSec} (${round(cachedLoad.requestsPerSec / staticLoad.requestsPerSec, 2)}x static), ${cachedLoad.p50Ms} / ${cachedLoad.p99Ms}, ${cachedLoad.errors}`,
    );
    row(
      'nginx cache, same while news flows: req/s, errors',
      `${flowingLoad.requestsPerSec} (${round(flowingLoad.requestsPerSec / cachedLoad.requestsPerSec, 2)}x), ${flowingLoad.errors}`,
    );
  }
  await proxy?.stop();

  if (server) {
    results.server = { rssAfterRunMb: server.rssMb() };
    await sleep(30_000);
    results.server.rssSettledMb = server.rssMb();
    row('server memory after the run / 30 s later (MB)', `${results.server.rssAfterRunMb} / ${results.server.rssSettledMb}`);
    await server.stop();
  }

  if (phases.has('check')) {
    console.log('npm run check …');
    const started = performance.now();
    let output;
    try {
      output = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/check.ts', contentDir], {
        encoding: 'utf8',
        env: { ...process.env, BROADSHEET_CACHE_DIR: cacheDir },
        maxBuffer: 1 << 30,
      });
    } catch (error) {
      output = `${error.stdout ?? ''}`; // exit code 1: errors in content, still a finished check
    }
    results.check = { ms: Math.round(performance.now() - started), summary: output.split('\n').find((line) => /files checked/.test(line)) };
    row('npm run check (s)', `${round(results.check.ms / 1000)}: ${results.check.summary ?? '?'}`);
  }
} finally {
  cluster?.stop();
  cleanFlowFolders();
  if (temporary) rmSync(temporary, { recursive: true, force: true });
}

report(
  `Broadsheet benchmark, ${scale}x ${values.content} (${results.firstStart?.articles ?? results.sync?.files ?? '?'} ${onPostgres ? 'files, PostgreSQL store' : 'articles'})`,
  rows,
  results,
  values.json ?? `bench/results/run-x${scale}${onPostgres ? '-postgres' : ''}.json`,
);
