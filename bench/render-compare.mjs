#!/usr/bin/env node
/**
 * Uncached article renders of two versions of the site, side by side in one run: a git ref
 * (`--before`, default the previous commit) checked out beside this checkout and built, and this
 * checkout. Both serve the same content folder; each article is asked of both once (its first
 * render, nothing cached), alternating which goes first, so the machine's load falls on both
 * alike. Prints the p50 and p99 of each and their ratio.
 *
 *   npm run bench:renders -- [--before origin/main~3] [--content ../shared/corpus/content] [--articles 400]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { timedBuild } from './lib/build.mjs';
import { startServer } from './lib/server.mjs';
import { round, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    before: { type: 'string', default: 'HEAD~1' },
    content: { type: 'string', default: '../shared/corpus/content' },
    articles: { type: 'string', default: '400' },
    port: { type: 'string', default: '3520' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const contentDir = path.resolve(values.content);
if (!existsSync(contentDir)) throw new Error(`no content folder at ${contentDir}`);
const here = process.cwd();
const beforeRef = execFileSync('git', ['rev-parse', '--short', values.before], { encoding: 'utf8' }).trim();
const afterRef = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();

// The earlier version in a worktree of its own, with this checkout's installed packages, hard
// linked (Turbopack resolves nothing through a link out of the project's folder).
const beforeDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-before-'));
execFileSync('git', ['worktree', 'add', '--detach', beforeDir, beforeRef], { stdio: 'ignore' });
execFileSync('cp', ['-al', path.join(here, 'node_modules'), path.join(beforeDir, 'node_modules')]);

const sides = [
  { name: `before (${beforeRef})`, dir: beforeDir, port: Number(values.port) },
  { name: `after (${afterRef})`, dir: here, port: Number(values.port) + 1 },
];
const servers = [];
try {
  for (const side of sides) {
    process.chdir(side.dir);
    side.distDir = '.next-renders';
    if (!values['skip-build'] || !existsSync(side.distDir)) {
      console.log(`next build: ${side.name} …`);
      timedBuild({ contentDir: path.join(side.dir, 'content'), distDir: side.distDir });
    }
    console.log(`start: ${side.name} …`);
    const cacheDir = path.resolve(side.distDir, 'cache', 'broadsheet');
    rmSync(cacheDir, { recursive: true, force: true });
    const server = await startServer({ port: side.port, contentDir, distDir: side.distDir, env: { BROADSHEET_CACHE_DIR: cacheDir } });
    await server.waitForLog(/\[content\] (\d+) articles from (\d+) files .*\(([\d.]+) s;/, 3_600_000);
    servers.push(server);
  }
  process.chdir(here);

  const paths = await articlePaths(servers[0].base, Number(values.articles));
  const ms = servers.map(() => []);
  for (const [i, url] of paths.entries()) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) ms[side].push(await timed(servers[side].base + url));
  }
  const [before, after] = ms.map(summary);
  console.log(`\nuncached article renders, ${paths.length} articles of ${contentDir}, p50 / p99 (ms):`);
  console.log(`  ${sides[0].name}: ${before.p50} / ${before.p99}`);
  console.log(`  ${sides[1].name}: ${after.p50} / ${after.p99}`);
  console.log(`  after / before: p50 ${round(after.p50 / before.p50, 2)}x, p99 ${round(after.p99 / before.p99, 2)}x`);
} finally {
  for (const server of servers) await server.stop();
  process.chdir(here);
  execFileSync('git', ['worktree', 'remove', '--force', beforeDir], { stdio: 'ignore' });
}

async function timed(url) {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/** Article paths of every language from the sitemaps, spread over the archive. */
async function articlePaths(base, limit) {
  const all = [];
  for (const lang of ['en', 'zh-CN', 'zh-HK']) {
    for (let part = 1; ; part++) {
      const response = await fetch(`${base}/sitemaps/${lang}-${part}.xml`);
      if (!response.ok) break;
      for (const match of (await response.text()).matchAll(/<loc>[^<]*?(\/[^<]+)<\/loc>/g)) {
        const pathname = new URL(match[1].replace(/&amp;/g, '&'), 'http://x').pathname;
        if (pathname.split('/').length > 3 && !/^\/[^/]+\/(categories|tags|authors)\//.test(pathname)) all.push(pathname);
      }
    }
  }
  const step = Math.max(1, Math.floor(all.length / limit));
  return all.filter((_, i) => i % step === 0).slice(0, limit);
}
