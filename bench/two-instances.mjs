#!/usr/bin/env node
/**
 * Two `next start` instances behind a round-robin load balancer on loopback, sharing nothing but
 * the content folder: each keeps its own page cache and watches the folder itself. Shows that a
 * new, edited and deleted article reads the same on both within the editors' 5-second bound,
 * and that readers going through the balancer never see a mix afterwards.
 *
 *   npm run build && node bench/two-instances.mjs [--port 3800]
 * Exits 1 if either instance is late or the two disagree.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './lib/server.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3800' } } });
const port = Number(values.port);
const BOUND_MS = 5000;

const content = mkdtempSync(path.join(tmpdir(), 'broadsheet-two-'));
cpSync('content', content, { recursive: true });
// Each instance runs from its own copy of the build: Next.js keeps its page cache in it.
const builds = ['.next-instance-a', '.next-instance-b'];
for (const build of builds) {
  rmSync(build, { recursive: true, force: true });
  cpSync('.next', build, { recursive: true });
}

const instances = [];
let balancer;
let failed = false;
try {
  for (const [i, distDir] of builds.entries()) instances.push(await startServer({ port: port + 1 + i, contentDir: content, distDir }));

  // The load balancer: requests alternate between the instances.
  let turn = 0;
  balancer = http.createServer((request, response) => {
    const target = instances[turn++ % instances.length];
    const upstream = http.request(`${target.base}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise((resolve) => balancer.listen(port, resolve));
  const base = `http://localhost:${port}`;
  console.log(`balancer ${base} → ${instances.map((s) => s.base).join(', ')}`);

  const get = async (url) => {
    const response = await fetch(url);
    return { status: response.status, html: await response.text() };
  };
  /** Time until every instance satisfies `check` on `pathname`. */
  async function untilBoth(label, pathname, check) {
    const started = performance.now();
    const times = [];
    for (const instance of instances) {
      for (;;) {
        const { status, html } = await get(instance.base + pathname);
        if (check(status, html)) {
          times.push(Math.round(performance.now() - started));
          break;
        }
        if (performance.now() - started > BOUND_MS) {
          console.log(`✗ ${label}: ${instance.base} still not there after ${BOUND_MS} ms`);
          failed = true;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Then ten readers through the balancer all see the same.
    for (let i = 0; i < 10; i++) {
      const { status, html } = await get(base + pathname);
      if (!check(status, html)) {
        console.log(`✗ ${label}: a reader through the balancer saw the old version`);
        failed = true;
        return;
      }
    }
    console.log(`✓ ${label}: instance A after ${times[0]} ms, B after ${times[1]} ms; 10 readers through the balancer agree`);
  }

  // Both instances cache the pages first, so what follows is invalidation, not a first render.
  for (const instance of instances) for (const url of ['/en', '/en/tags/transport']) await get(instance.base + url);

  const template = readFileSync(path.join(content, 'en/news/city/rail-strike-called-off.en.md'), 'utf8');
  const file = path.join(content, 'en/news/city/ferry-timetable.en.md');
  const title = 'Ferry timetable doubles on weekends';
  writeFileSync(
    file,
    template
      .replace('Rail strike called off after overnight talks', title)
      .replace('2026-11-25 06:45:00', '2026-11-28 12:00:00')
      .replace(/\n---\n[\s\S]*$/, '\n---\n\nTwice as many sailings from Saturday.\n'),
  );
  await untilBoth('new article served', '/en/news/city/ferry-timetable', (status, html) => status === 200 && html.includes('Twice as many sailings'));
  await untilBoth('new article on the cached home page', '/en', (_, html) => html.includes(title));

  writeFileSync(file, readFileSync(file, 'utf8').replace('Twice as many sailings', 'Three times as many sailings'));
  await untilBoth('edit served', '/en/news/city/ferry-timetable', (_, html) => html.includes('Three times as many sailings'));

  rmSync(file);
  await untilBoth('deleted article gone', '/en/news/city/ferry-timetable', (status) => status === 404);
  await untilBoth('deleted article off the home page', '/en', (_, html) => !html.includes(title));
} finally {
  balancer?.close();
  for (const instance of instances) await instance.stop();
  for (const build of builds) rmSync(build, { recursive: true, force: true });
  rmSync(content, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
