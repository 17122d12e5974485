#!/usr/bin/env node
// Requests every article of a content folder from a running server and counts the answers.
// Usage: node scripts/check-reachable.mjs <contentDir> <baseUrl> [concurrency]
import { readdirSync } from 'node:fs';

const [contentDir = 'content', base = 'http://localhost:3000', concurrency = '8'] = process.argv.slice(2);
const languages = ['en', 'zh-CN', 'zh-HK'];
const files = readdirSync(contentDir, { recursive: true }).filter((f) => f.endsWith('.md'));
const urls = files.map((file) => {
  const parts = file.split('/');
  const lang = parts.shift();
  const name = parts
    .pop()
    .replace(/\.md$/, '')
    .replace(new RegExp(`\\.(${languages.join('|')})$`, 'i'), '');
  return `/${lang}/${[...parts, name].map(encodeURIComponent).join('/')}`;
});

const statuses = new Map();
const failures = [];
const times = [];
let next = 0;
const started = performance.now();
async function worker() {
  while (next < urls.length) {
    const url = urls[next++];
    const t = performance.now();
    const response = await fetch(base + url);
    await response.arrayBuffer();
    times.push(performance.now() - t);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status !== 200) failures.push(`${response.status} ${url}`);
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
console.log(
  `${urls.length} articles in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
);
for (const failure of failures.slice(0, 20)) console.log(failure);
process.exit(failures.length ? 1 : 0);
