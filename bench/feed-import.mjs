#!/usr/bin/env node
/**
 * A feed import against a running server: writes N new articles into its content folder at once,
 * keeps requesting the home page meanwhile (from another process), and reports how long until the
 * last article is served, the home page's latency during the import, and the server's memory.
 *
 *   node bench/feed-import.mjs --dir <content folder> --url http://localhost:3000 --pid <server pid> [--count 10000]
 */
import { fork } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rssMb } from './lib/server.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    url: { type: 'string', default: 'http://localhost:3000' },
    pid: { type: 'string' },
    count: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});

const pad = (n) => String(n).padStart(2, '0');
const articleText = (i) =>
  [
    '---',
    `title: "Feed item ${i}"`,
    `date: "2026-11-28 ${pad(Math.floor(i / 3600) % 24)}:${pad(Math.floor(i / 60) % 60)}:${pad(i % 60)}"`,
    `summary: "Item ${i} of a bulk import."`,
    'categories:\n  - "Imports"',
    'lang:\n  - "en"',
    'translations:\n  - "en"',
    'tags:\n  - "bulk"',
    'menu: ""\nthumbnail: ""\nlead: ""\ncomments: false\nauthorbox: false\npager: true\ntoc: false\nmathjax: false',
    'sidebar: "right"',
    'widgets:\n  - "search"\n  - "recent"\n  - "taglist"',
    '---',
    '',
    `Body of imported item ${i}.`,
    '',
  ].join('\n');

/** Resident memory of the server and its child processes (`next start` serves from a child). */
const serverRssMb = () => (values.pid ? rssMb(values.pid) : NaN);

/** Child process: request the home page every 50 ms until told to stop, then report latencies. */
async function poll(url) {
  const latencies = [];
  let polling = true;
  process.on('message', () => (polling = false));
  while (polling) {
    const t = performance.now();
    await fetch(`${url}/en`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  process.send(latencies, () => process.exit(0));
}

async function main() {
  if (!values.dir) throw new Error('--dir is required');
  const count = Number(values.count);
  const folder = `feed-import-${Date.now()}`;
  const target = path.join(values.dir, 'en', 'news', folder);

  const memoryBefore = serverRssMb();
  const poller = fork(new URL(import.meta.url), [], { env: { ...process.env, FEED_IMPORT_POLL: values.url } });
  const latenciesReported = new Promise((resolve) => poller.on('message', resolve));

  const started = performance.now();
  mkdirSync(target, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(target, `item-${i}.en.md`), articleText(i));
  const written = performance.now() - started;

  const last = `${values.url}/en/news/${folder}/item-${count - 1}`;
  let servedAt = NaN;
  while (performance.now() - started < 120_000) {
    if ((await fetch(last)).status === 200) {
      servedAt = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  poller.send('stop');
  const latencies = (await latenciesReported).sort((a, b) => a - b);
  const memoryAfter = serverRssMb();
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(0);
  console.log(`feed import of ${count} files: written in ${(written / 1000).toFixed(1)} s; the last one served ${(servedAt / 1000).toFixed(1)} s after the first was written`);
  console.log(`home page during the import: ${latencies.length} requests, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`);
  console.log(`server memory (RSS): ${memoryBefore} MB before, ${memoryAfter} MB after`);
  if (!values.keep) rmSync(target, { recursive: true, force: true });
}

if (process.env.FEED_IMPORT_POLL) await poll(process.env.FEED_IMPORT_POLL);
else await main();
