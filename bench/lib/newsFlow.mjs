/**
 * A living newsroom under load: readers on 32 connections request a skewed mix (half the requests
 * to a few popular pages, half to a long tail of articles) while a new article lands in the
 * content folder every `intervalSec` seconds, as the real site's feed delivers them. Reports
 * throughput, latency and errors, how many new articles were on their home page within 5 s, and
 * the server's memory and page cache meanwhile.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { rssMb } from './server.mjs';

const ON_HOME_BOUND_MS = 5000;

/** The wall-clock time in `timeZone` as front matter writes it. */
function wallClock(date, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A new article in the corpus's shape, dated now. */
function articleText({ title, lang, timeZone }) {
  return [
    '---',
    `title: "${title}"`,
    `date: "${wallClock(new Date(), timeZone)}"`,
    `summary: "${title}, filed by the benchmark's newsroom."`,
    'categories:\n  - "benchflow"',
    `lang:\n  - "${lang}"`,
    `translations:\n  - "${lang}"`,
    'tags:\n  - "benchflow"',
    'menu: ""\nthumbnail: ""\nlead: ""\ncomments: false\nauthorbox: false\npager: true\ntoc: false\nmathjax: false',
    'sidebar: "right"',
    'widgets:\n  - "search"\n  - "recent"\n  - "taglist"',
    '---',
    '',
    `${title}. A paragraph of text for the page and for search.`,
    '',
  ].join('\n');
}

/** Requests every URL once, a few at a time: the mix is measured warm. */
export async function warm(base, urls, concurrency = 4) {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++];
        const response = await fetch(base + url).catch(() => undefined);
        await response?.arrayBuffer();
        if (!response || response.status >= 500) failed++;
      }
    }),
  );
  return failed;
}

/**
 * One phase: readers for `durationSec` at `base`; with `intervalSec`, a new article every that
 * many seconds, watched for on its home page at `watchBase` (the readers' side of the cache).
 */
export async function newsFlowPhase({
  base,
  watchBase = base,
  popular,
  tail,
  connections = 32,
  durationSec,
  intervalSec,
  contentDir,
  timeZone,
  pid,
  pageCacheFile,
  label,
}) {
  let sequence = 0;
  const pick = () => (sequence++ % 2 === 0 ? popular[Math.floor(Math.random() * popular.length)] : tail[Math.floor(Math.random() * tail.length)]);
  const folder = path.join(contentDir, 'en', 'news', 'benchflow');
  mkdirSync(folder, { recursive: true });
  const published = [];
  const rss = [];
  const pageCache = [];
  const sample = () => {
    rss.push(rssMb(pid));
    if (pageCacheFile) pageCache.push(fileMb(pageCacheFile));
  };
  const sampler = setInterval(sample, 1000);
  const timers = [];
  const watches = [];
  if (intervalSec) {
    const publish = () => {
      const id = `flow-${label}-${Date.now()}`;
      const title = `Benchmark dispatch ${id}`;
      const lang = published.length % 3 === 2 ? 'zh-CN' : 'en';
      const file = lang === 'en' ? path.join(folder, `${id}.en.md`) : path.join(contentDir, 'zh-CN', 'news', 'benchflow', `${id}.zh-CN.md`);
      mkdirSync(path.dirname(file), { recursive: true });
      const written = performance.now();
      writeFileSync(file, articleText({ title, lang, timeZone }));
      const entry = { id, lang, file, ms: undefined };
      published.push(entry);
      watches.push(
        (async () => {
          while (performance.now() - written < ON_HOME_BOUND_MS) {
            const html = await fetch(`${watchBase}/${lang}`).then(
              (response) => response.text(),
              () => '',
            );
            if (html.includes(title)) {
              entry.ms = Math.round(performance.now() - written);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        })(),
      );
    };
    publish();
    timers.push(setInterval(publish, intervalSec * 1000));
  }
  const result = await autocannon({
    url: base,
    connections,
    duration: durationSec,
    requests: [{ setupRequest: (request) => ({ ...request, path: pick() }) }],
  });
  for (const timer of timers) clearInterval(timer);
  await Promise.all(watches);
  clearInterval(sampler);
  sample();
  return {
    label,
    intervalSec: intervalSec ?? null,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    // Of which: connection errors, requests unanswered within autocannon's 10 s, and answers by status class.
    errorKinds: { errors: result.errors, timeouts: result.timeouts, '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    requests: result.requests.total,
    published: published.length,
    onHomeWithin5s: published.filter((entry) => entry.ms !== undefined).length,
    onHomeMs: published.map((entry) => entry.ms ?? null),
    rssMaxMb: Math.max(...rss),
    rssEndMb: rss.at(-1),
    pageCacheMb: pageCache.at(-1) ?? null,
    files: published.map((entry) => entry.file),
  };
}

/** Removes the articles a phase published (the next phase starts from the same archive). */
export function unpublish(files) {
  for (const file of files) rmSync(file, { force: true });
}

/** Size of a SQLite file with its write-ahead log, in MB. */
export function fileMb(file) {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(`${file}${suffix}`).size;
    } catch {}
  }
  return Math.round(bytes / 1024 / 1024);
}
