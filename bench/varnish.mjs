#!/usr/bin/env node
/**
 * The cache in front, against static files (issue 28):
 *
 *   npm run bench:varnish -- [--content ../shared/corpus/content] [--skip-build] [--duration 15]
 *                            [--connections 32,64] [--clients plain,gzip,br] [--popular 25] [--tail 900]
 *                            [--flow-duration 180] [--flow-interval 5] [--flow-client br] [--flow-pace MS] [--phases mix,flow]
 *                            [--nginx-cache-conf deploy/nginx/broadsheet.conf] [--port 3490] [--pin 0:1]
 *
 * A site on a copy of the content (the newsroom writes into it), with the shipped Varnish
 * (deploy/varnish/broadsheet.vcl under Debian's unit options) in front and purged by the site;
 * as the anchor, nginx under Debian's own nginx.conf serving the same pages saved as static files
 * (fetched from the site into a temporary folder), and the same with each file compressed ahead
 * (`gzip_static`, the best a static site does for gzip clients) or with Brotli too (`brotli_static`,
 * Debian's libnginx-mod-http-brotli-static, for browsers); and the shipped nginx cache
 * (deploy/nginx/broadsheet.conf) under the same nginx.conf. wrk (bench/lib/mix.lua) asks each
 * the same mix, half on the popular pages (homes, second list pages, a feed, two categories, two
 * tags, the newest articles), half on a tail of older articles, for 32 and 64 connections, as
 * plain clients, gzip clients (`Accept-Encoding: gzip`) and browsers (`gzip, deflate, br`), one
 * after the other in the same run.
 *
 * Then the news flow through Varnish: the mix with browsers' headers, still, then while a newsroom adds
 * an article or corrects one every few seconds; counts the requests Varnish sent the site in each
 * (varnishstat) and how long each new article took to reach its home through Varnish.
 * --flow-pace MS has each of wrk's connections wait MS ms between its requests in both phases:
 * readers at a steady rate the cache serves with CPU to spare, as a site in production runs,
 * rather than as fast as it answers (where any render beside the cache is a reader's wait).
 *
 * --pin READERS:SERVERS[:SITE] (CPU lists) runs wrk and this script's own readers on the first CPUs and
 * every server (the site, Varnish, each nginx) on the others, as readers on other machines would
 * be: without it, wrk's threads wait for the CPU behind the site's renders and count that as
 * latency (bench/lib/pin.mjs). A third list puts the site on CPUs of its own (`--pin 0:1:0`:
 * the caches alone on CPU 1, as on a machine of their own; the site beside the readers, which the
 * flow's `--flow-pace` leaves CPU to spare).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { timedBuild } from './lib/build.mjs';
import { hasDebianNginx, startDebianNginx } from './lib/debianNginx.mjs';
import { parsePin, pinTree } from './lib/pin.mjs';
import { report } from './lib/output.mjs';
import { archiveCopy } from './lib/scale.mjs';
import { startServer } from './lib/server.mjs';
import { round, summary } from './lib/stats.mjs';
import { startVarnish, varnishdPath, varnishMissing } from './lib/varnish.mjs';
import { hasWrk, wrk, wrkAsync } from './lib/wrk.mjs';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: '../shared/corpus/content' },
    'skip-build': { type: 'boolean', default: false },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32,64' },
    clients: { type: 'string', default: 'plain,gzip,br' },
    popular: { type: 'string', default: '25' },
    tail: { type: 'string', default: '900' },
    'flow-duration': { type: 'string', default: '180' },
    'flow-interval': { type: 'string', default: '5' },
    'flow-client': { type: 'string', default: 'br' },
    'flow-pace': { type: 'string', default: '0' },
    phases: { type: 'string', default: 'mix,flow' },
    contenders: { type: 'string', default: 'static,static-gz,static-br,varnish,nginx' },
    'nginx-cache-conf': { type: 'string', default: 'deploy/nginx/broadsheet.conf' },
    port: { type: 'string', default: '3490' },
    json: { type: 'string', default: 'bench/results/varnish.json' },
    pin: { type: 'string' },
  },
});
const missing = varnishMissing() ?? (hasWrk() ? undefined : 'no /usr/bin/wrk (apt-get install wrk)') ?? (hasDebianNginx() ? undefined : 'no Debian nginx');
if (missing) {
  console.error(`bench:varnish: ${missing}`);
  process.exit(1);
}
const port = Number(values.port);
const ports = { site: port, varnish: port + 1, static: port + 2, nginx: port + 3, staticGz: port + 4, staticBr: port + 5 };
const distDir = '.next-bench-varnish';
const cacheDir = path.resolve(distDir, 'cache', 'broadsheet');
const duration = Number(values.duration);
const phases = new Set(values.phases.split(','));
/** Debian's libnginx-mod-http-brotli-static, loaded by its nginx.conf from modules-enabled. */
const hasBrotliStatic = existsSync('/etc/nginx/modules-enabled/50-mod-http-brotli-static.conf');
const contenders = values.contenders.split(',').filter((name) => name !== 'static-br' || hasBrotliStatic);
if (!hasBrotliStatic) console.warn('no Brotli anchor: apt-get install libnginx-mod-http-brotli-static');
/** What each kind of client sends: none, gzip only, or what every current browser sends. */
const clientHeaders = { plain: {}, gzip: { 'Accept-Encoding': 'gzip' }, br: { 'Accept-Encoding': 'gzip, deflate, br' } };
const mixScript = path.resolve('bench/lib/mix.lua');
const pin = parsePin(values.pin);
/** Puts a server (every thread of it and of its children) on the servers' CPUs under --pin. */
const pinServer = (pid) => pin && pinTree(pid, pin.servers);
if (pin) pinTree(process.pid, pin.readers);
const rows = [['figure', 'value']];
const row = (label, value) => rows.push([label, value]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const results = { date: new Date().toISOString(), node: process.version, content: values.content, ports, pin };

/** Article paths of a language from its sitemaps, newest first, up to `limit`. */
async function articlePaths(base, lang, limit) {
  const paths = [];
  for (let part = 1; paths.length < limit; part++) {
    const response = await fetch(`${base}/sitemaps/${lang}-${part}.xml`);
    if (!response.ok) break;
    for (const match of (await response.text()).matchAll(/<loc>[^<]*?(\/[^<]+)<\/loc>/g)) {
      const pathname = new URL(match[1].replace(/&amp;/g, '&'), 'http://x').pathname;
      if (pathname.split('/').length > 3 && !/^\/[^/]+\/(categories|tags)\//.test(pathname)) paths.push(pathname);
      if (paths.length >= limit) break;
    }
  }
  return paths;
}

/** The first `count` term pages a taxonomy's index links to. */
async function termPaths(base, lang, taxonomy, count) {
  const html = await (await fetch(`${base}/${lang}/${taxonomy}`)).text();
  return [...new Set([...html.matchAll(new RegExp(`href="(/${lang}/${taxonomy}/[^"/]+)"`, 'g'))].map((m) => m[1]))].slice(0, count);
}

/** Where a page is saved for static nginx: pages as `path.html`, feeds under their own name. */
function staticFile(root, pathname) {
  const decoded = pathname
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/');
  return path.join(root, /\.(xml|json)$/.test(decoded) ? decoded : `${decoded}.html`);
}

/** Requests every URL once with `headers`, a few at a time; returns how many failed. */
async function warm(base, urls, headers, concurrency = 8) {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const response = await fetch(base + urls[next++], { headers }).catch(() => undefined);
        await response?.arrayBuffer();
        if (!response?.ok) failed++;
      }
    }),
  );
  return failed;
}

/**
 * What Varnish asks the site while it runs (varnishlog on its backend side): each fetch counted by
 * what the site answered: a page's fresh copy (content a change touched, or a page fetched for the
 * first time), a copy it is rendering afresh for its sidebar (`x-nextjs-cache: STALE`), or a copy
 * whose sidebar waits its turn (`x-broadsheet-refresh`). `stop()` returns the counts.
 */
function watchFetches(workdir) {
  const child = spawn(path.join(path.dirname(varnishdPath).replace(/sbin$/, 'bin'), 'varnishlog'), ['-n', workdir, '-b', '-i', 'BereqURL,BerespHeader'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const counts = { fresh: 0, sidebarRendering: 0, sidebarWaiting: 0, urls: new Map() };
  let current;
  const finish = () => {
    if (!current) return;
    if (current.waiting) counts.sidebarWaiting++;
    else if (current.stale) counts.sidebarRendering++;
    else {
      counts.fresh++;
      counts.urls.set(current.url, (counts.urls.get(current.url) ?? 0) + 1);
    }
    current = undefined;
  };
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (/<< BeReq/.test(line)) {
        finish();
        current = { url: '', stale: false, waiting: false };
      } else if (current && /BereqURL/.test(line)) current.url = line.replace(/^.*BereqURL\s+/, '').trim();
      else if (current && /BerespHeader\s+x-nextjs-cache: STALE/i.test(line)) current.stale = true;
      else if (current && /BerespHeader\s+x-broadsheet-refresh/i.test(line)) current.waiting = true;
    }
  });
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill('SIGTERM');
      finish();
      const kinds = { lists: 0, terms: 0, feeds: 0, articles: 0, other: 0 };
      for (const [url, n] of counts.urls) {
        const segments = url.split('?')[0].split('/').filter(Boolean);
        if (/\.(xml|json)$/.test(url)) kinds.feeds += n;
        else if (segments.length === 1 || segments[1] === 'page') kinds.lists += n;
        else if (segments[1] === 'categories' || segments[1] === 'tags') kinds.terms += n;
        else if (segments[1] === 'news') kinds.articles += n;
        else kinds.other += n;
      }
      return { fresh: counts.fresh, sidebarRendering: counts.sidebarRendering, sidebarWaiting: counts.sidebarWaiting, freshByKind: kinds };
    },
  };
}

/** Bytes of headers and body as curl receives them, for a kind of client (clientHeaders). */
function sizes(url, client) {
  const accepts = clientHeaders[client]['Accept-Encoding'];
  const out = execFileSync(
    'curl',
    ['-s', '-o', '/dev/null', '-w', '%{size_header} %{size_download}', ...(accepts ? ['-H', `Accept-Encoding: ${accepts}`] : []), url],
    {
      encoding: 'utf8',
    },
  );
  const [header, body] = out.split(' ').map(Number);
  return { header, body };
}

const copy = archiveCopy(path.resolve(values.content), 1);
const contentDir = copy.dir;
const flowFolder = path.join(contentDir, 'en', 'news', 'benchflow');
const stops = [];
try {
  if (!values['skip-build']) {
    console.log('next build …');
    results.build = timedBuild({ contentDir, distDir });
  }
  rmSync(cacheDir, { recursive: true, force: true });
  const varnish = await startVarnish({ port: ports.varnish, upstream: `http://127.0.0.1:${ports.site}` });
  stops.push(varnish.stop);
  pinServer(varnish.pid);
  console.log('site: first start on a copy of the content …');
  const server = await startServer({
    port: ports.site,
    contentDir,
    distDir,
    env: { BROADSHEET_PURGE: varnish.purgeSetting, BROADSHEET_CACHE_DIR: cacheDir },
    timeoutMs: 600_000,
  });
  stops.push(server.stop);
  if (pin) pinTree(server.pid, pin.site);
  const pass = await server.waitForLog(/\[content\] (\d+) articles from/, 3_600_000);
  results.articles = Number(pass[1]);
  const site = server.base;

  // The mix: popular pages and a tail of older articles, in every language.
  const articles = {
    en: await articlePaths(site, 'en', 2000),
    'zh-CN': await articlePaths(site, 'zh-CN', 1000),
    'zh-HK': await articlePaths(site, 'zh-HK', 500),
  };
  const lists = ['/en', '/zh-CN', '/zh-HK', '/en/page/2', '/zh-CN/page/2', '/en/index.xml'];
  const terms = [...(await termPaths(site, 'en', 'categories', 2)), ...(await termPaths(site, 'en', 'tags', 2))];
  const newest = [...articles.en.slice(0, 8), ...articles['zh-CN'].slice(0, 5), ...articles['zh-HK'].slice(0, 2)];
  const popular = [...lists, ...terms, ...newest].slice(0, Number(values.popular));
  const older = [...articles.en.slice(200), ...articles['zh-CN'].slice(100), ...articles['zh-HK'].slice(50)];
  const tail = [];
  for (let i = 0; tail.length < Number(values.tail) && i < older.length; i += Math.max(1, Math.floor(older.length / Number(values.tail)))) tail.push(older[i]);
  const urlsFile = path.join(mkdtempSync(path.join(tmpdir(), 'broadsheet-mix-')), 'urls.txt');
  writeFileSync(urlsFile, [...popular.map((url) => `p ${url}`), ...tail.map((url) => `t ${url}`)].join('\n') + '\n');
  results.mix = { popular: popular.length, tail: tail.length, popularPages: popular };
  row('mix: popular pages / tail articles', `${popular.length} / ${tail.length}`);

  // The anchor: the same pages, fetched from the site and saved as files.
  // Each as the site serves it fresh: not a copy it is rendering afresh (a home rendered while
  // the archive was still being read), nor one whose sidebar waits its turn, as far as 10 s allow.
  const staticRoot = mkdtempSync(path.join(tmpdir(), 'broadsheet-static-'));
  stops.push(async () => rmSync(staticRoot, { recursive: true, force: true }));
  let saved = 0;
  let notFresh = 0;
  for (const url of [...popular, ...tail]) {
    let response;
    for (const started = performance.now(); ; await sleep(250)) {
      response = await fetch(site + url, { headers: { 'Accept-Encoding': 'identity' } });
      if (!response.ok || (response.headers.get('x-nextjs-cache') !== 'STALE' && !response.headers.get('x-broadsheet-refresh'))) break;
      if (performance.now() - started > 10_000) {
        notFresh++;
        break;
      }
      await response.arrayBuffer();
    }
    if (!response.ok) continue;
    const body = Buffer.from(await response.arrayBuffer());
    const file = staticFile(staticRoot, url);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
    // For the precompressed anchors (gzip_static, brotli_static): the levels the site compresses at.
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 6 }));
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }));
    saved++;
  }
  row('pages saved as static files (of which with a sidebar not yet refreshed)', `${saved} (${notFresh})`);
  const origins = { varnish: varnish.origin };
  if (contenders.includes('static')) {
    const staticNginx = await startDebianNginx({
      server: `server {\n  listen 127.0.0.1:${ports.static};\n  root ${staticRoot};\n  location / { try_files $uri.html $uri =404; }\n}\n`,
      readyUrl: `http://127.0.0.1:${ports.static}${popular[0]}`,
    });
    stops.push(staticNginx.stop);
    pinServer(staticNginx.pid);
    origins.static = `http://127.0.0.1:${ports.static}`;
  }
  if (contenders.includes('static-gz')) {
    // The best a static site does for gzip clients: files compressed ahead, sent as they are.
    const precompressed = await startDebianNginx({
      server: `server {\n  listen 127.0.0.1:${ports.staticGz};\n  root ${staticRoot};\n  gzip_static on;\n  location / { try_files $uri.html $uri =404; }\n}\n`,
      readyUrl: `http://127.0.0.1:${ports.staticGz}${popular[0]}`,
    });
    stops.push(precompressed.stop);
    pinServer(precompressed.pid);
    origins['static-gz'] = `http://127.0.0.1:${ports.staticGz}`;
  }
  if (contenders.includes('static-br')) {
    // The best a static site does for browsers: files compressed ahead in Brotli and gzip.
    const precompressed = await startDebianNginx({
      server: `server {\n  listen 127.0.0.1:${ports.staticBr};\n  root ${staticRoot};\n  brotli_static on;\n  gzip_static on;\n  location / { try_files $uri.html $uri =404; }\n}\n`,
      readyUrl: `http://127.0.0.1:${ports.staticBr}${popular[0]}`,
    });
    stops.push(precompressed.stop);
    pinServer(precompressed.pid);
    origins['static-br'] = `http://127.0.0.1:${ports.staticBr}`;
  }
  if (contenders.includes('nginx')) {
    const nginxCache = await startDebianNginx({
      server: readFileSync(values['nginx-cache-conf'], 'utf8')
        .replace(/listen 80;/g, `listen 127.0.0.1:${ports.nginx};`)
        .replace(/^(\s*server_name news\.example\.org);/m, '$1 127.0.0.1 localhost;')
        .replace(/server 127\.0\.0\.1:3000;/g, `server 127.0.0.1:${ports.site};`)
        .replace(/\/var\/cache\/nginx\/broadsheet/g, path.join(tmpdir(), `broadsheet-bench-nginx-cache-${ports.nginx}`)),
      readyUrl: `http://127.0.0.1:${ports.nginx}/en`,
    });
    stops.push(nginxCache.stop);
    pinServer(nginxCache.pid);
    origins.nginx = `http://127.0.0.1:${ports.nginx}`;
  }
  const names = {
    static: 'nginx, static files',
    'static-gz': 'nginx, static files + .gz (gzip_static)',
    'static-br': 'nginx, static files + .br + .gz (brotli_static)',
    varnish: 'Varnish (shipped VCL)',
    nginx: 'nginx cache (shipped conf)',
  };

  console.log('warming …');
  for (const [name, base] of Object.entries(origins)) {
    for (const encoding of ['gzip', 'identity', 'gzip, deflate, br']) {
      const failed = await warm(base, [...popular, ...tail], { 'Accept-Encoding': encoding });
      if (failed) console.warn(`${name}: ${failed} pages failed while warming (${encoding})`);
    }
  }

  // What a response weighs from each: headers and body, plain, gzip and Brotli.
  results.sizes = {};
  for (const [name, base] of Object.entries(origins)) {
    results.sizes[name] = {};
    for (const [label, url] of [
      ['home', '/en'],
      ['article', newest[0]],
    ]) {
      results.sizes[name][label] = { plain: sizes(base + url, 'plain'), gzip: sizes(base + url, 'gzip'), br: sizes(base + url, 'br') };
    }
  }
  for (const label of ['home', 'article']) {
    row(
      `${label}, bytes of headers + body (plain; gzip; browser): ${Object.keys(origins).join(' / ')}`,
      Object.keys(origins)
        .map((name) => {
          const s = results.sizes[name][label];
          return `${s.plain.header}+${s.plain.body}; ${s.gzip.header}+${s.gzip.body}; ${s.br.header}+${s.br.body}`;
        })
        .join(' / '),
    );
  }

  if (phases.has('mix')) {
    results.runs = [];
    for (const connections of values.connections.split(',').map(Number)) {
      for (const client of values.clients.split(',')) {
        const headers = clientHeaders[client];
        const run = {};
        for (const name of Object.keys(origins)) {
          console.log(`mix: ${names[name]}, ${connections} connections, ${client} …`);
          run[name] = wrk(origins[name], { connections, durationSec: duration, headers, script: mixScript, scriptArgs: [urlsFile], cpus: pin?.readers });
          await sleep(1000);
        }
        results.runs.push({ connections, client, ...run });
        for (const name of Object.keys(origins)) {
          const r = run[name];
          const ratios = [];
          if (!name.startsWith('static') && run.static) ratios.push(`${round(r.requestsPerSec / run.static.requestsPerSec, 2)}x static`);
          if (!name.startsWith('static') && run['static-gz']) ratios.push(`${round(r.requestsPerSec / run['static-gz'].requestsPerSec, 2)}x .gz`);
          if (!name.startsWith('static') && run['static-br']) ratios.push(`${round(r.requestsPerSec / run['static-br'].requestsPerSec, 2)}x .br`);
          const ratio = ratios.length > 0 ? ` (${ratios.join(', ')})` : '';
          row(
            `${connections} conn, ${client}: ${names[name]}: req/s, p50 / p99 (ms), errors`,
            `${r.requestsPerSec}${ratio}, ${r.p50Ms} / ${r.p99Ms}, ${r.errors}`,
          );
        }
      }
    }
  }

  if (phases.has('flow')) {
    const flowSec = Number(values['flow-duration']);
    const interval = Number(values['flow-interval']);
    const flowClient = values['flow-client'];
    /** Milliseconds each connection waits between its requests: 0, as fast as answered. */
    const pace = Number(values['flow-pace']);
    /** The mix as readers ask it in both phases. */
    const flowLoad = {
      connections: 32,
      durationSec: flowSec,
      headers: clientHeaders[flowClient],
      script: mixScript,
      scriptArgs: [urlsFile, String(pace)],
      cpus: pin?.readers,
    };
    console.log(`news flow: still, ${flowSec} s …`);
    const stillBefore = varnish.backendRequests();
    const stillFetches = watchFetches(varnish.workdir);
    const still = await wrkAsync(varnish.origin, flowLoad);
    const stillOrigin = varnish.backendRequests() - stillBefore;
    const stillKinds = await stillFetches.stop();
    console.log(`news flow: a new or corrected article every ${interval} s, ${flowSec} s …`);
    mkdirSync(flowFolder, { recursive: true });
    const flowBefore = varnish.backendRequests();
    const flowFetches = watchFetches(varnish.workdir);
    const running = wrkAsync(varnish.origin, flowLoad);
    const onHome = [];
    const corrected = [];
    let changes = 0;
    const started = performance.now();
    while (performance.now() - started < (flowSec - interval) * 1000) {
      await sleep(interval * 1000);
      changes++;
      if (changes % 2 === 1) {
        // A new article, watched for on its home through Varnish.
        const id = `flow-${Date.now()}`;
        const title = `Benchmark dispatch ${id}`;
        const written = performance.now();
        writeFileSync(
          path.join(flowFolder, `${id}.en.md`),
          `---\ntitle: "${title}"\ndate: "${new Date().toISOString().slice(0, 19).replace('T', ' ')}"\ncategories: ["benchflow"]\ntags: ["benchflow"]\n---\n\n${title}.\n`,
        );
        while (performance.now() - written < 10_000) {
          if ((await (await fetch(`${varnish.origin}/en`)).text()).includes(title)) {
            onHome.push(performance.now() - written);
            break;
          }
          await sleep(20);
        }
      } else {
        // A correction to a tail article, watched for on its page through Varnish.
        const url = tail[(changes * 37) % tail.length];
        const file = path.join(contentDir, `${decodeURIComponent(url).replace(/^\/([^/]+)\/(.*)$/, '$1/$2')}.${url.split('/')[1]}.md`);
        let text;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue; // Its file is named otherwise (a slug of its own): another next time.
        }
        const mark = `corrected ${Date.now()}`;
        const written = performance.now();
        writeFileSync(
          file,
          text.replace(/^title: "?(.*?)"?$/m, (_, title) => `title: "${title.replace(/"/g, "'")} (${mark})"`),
        );
        while (performance.now() - written < 10_000) {
          if ((await (await fetch(varnish.origin + url)).text()).includes(mark)) {
            corrected.push(performance.now() - written);
            break;
          }
          await sleep(20);
        }
      }
    }
    const flowing = await running;
    const flowOrigin = varnish.backendRequests() - flowBefore;
    const flowKinds = await flowFetches.stop();
    results.flow = {
      paceMs: pace,
      still,
      stillOrigin,
      stillKinds,
      flowKinds,
      flowing,
      flowOrigin,
      changes,
      onHome: summary(onHome),
      corrected: summary(corrected),
      onHomeCount: onHome.length,
      correctedCount: corrected.length,
    };
    row(
      `news flow, still (${flowSec} s, 32 conn, ${flowClient}${pace ? `, paced ${pace} ms` : ''}${pin ? `, pinned ${values.pin}` : ''}): req/s, p50 / p99 (ms); requests to the site`,
      `${still.requestsPerSec}, ${still.p50Ms} / ${still.p99Ms}; ${stillOrigin}`,
    );
    row(
      `news flow, ${changes} changes (${flowSec} s): req/s, p50 / p99 (ms); requests to the site`,
      `${flowing.requestsPerSec}, ${flowing.p50Ms} / ${flowing.p99Ms} (${round(flowing.p99Ms / still.p99Ms, 2)}x still); ${flowOrigin} (${round(flowOrigin / Math.max(1, changes), 1)} a change)`,
    );
    for (const [label, kinds] of [
      ['still', stillKinds],
      ['changes', flowKinds],
    ]) {
      const fresh = Object.entries(kinds.freshByKind)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ');
      row(
        `news flow, ${label}: what the site answered Varnish: fresh (by page kind); sidebar rendering; sidebar waiting its turn`,
        `${kinds.fresh} (${fresh || 'none'}); ${kinds.sidebarRendering}; ${kinds.sidebarWaiting}`,
      );
    }
    row(
      'news flow: new article on its home through Varnish, p50 / max (ms)',
      `${results.flow.onHome.p50} / ${results.flow.onHome.max} (${onHome.length} articles)`,
    );
    row(
      'news flow: correction on its page through Varnish, p50 / max (ms)',
      `${results.flow.corrected.p50} / ${results.flow.corrected.max} (${corrected.length} corrections)`,
    );
  }
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(copy.dir, { recursive: true, force: true });
}

report(`Broadsheet: the cache in front against static files (${results.articles ?? '?'} articles)`, rows, results, values.json);
