import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { rssMb } from '../bench/lib/server.mjs';
import { get } from './support/http';
import { freshCopy, hasNginx, nginxPath, type Started, startNext, startNginx } from './support/servers';

/**
 * A flood of searches cannot starve readers: 32 connections hammer the results page and the
 * suggestion endpoint while a reader reads articles. The site runs a bounded number of searches
 * at once, on threads of their own, each holding its place until its page is sent; a few more
 * wait in line, the rest are refused a second later (503, Retry-After); the shipped nginx limits
 * searches per client before they reach the site.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const PORT = 3250;
const PROXY_PORT = 3251;
let content: string;
let server: Started;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-flood-content'));
  server = await startNext({ distDir: freshCopy('.next', '.next-flood'), contentDir: content, host: '127.0.0.1', port: PORT });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
});

test('queries with no terms take no place among the searches: a real search right after 40 of them is answered', async () => {
  // Spaces then a letter past the length a query is read to, punctuation, Chinese punctuation.
  const blank = [`${' '.repeat(200)}a`, '!!! ???', '、。「」'];
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => get(`${server.origin}/en/search?q=${encodeURIComponent(blank[i % blank.length] as string)}`)),
  );
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  expect(answers.every((answer) => !answer.body.includes('Search is busy'))).toBe(true);
  // Each would have held a place for 5 s: a real search now would find none.
  const search = await get(`${server.origin}/en/search?q=harbour`);
  expect(search.status).toBe(200);
  expect(search.body).toContain('Harbour bridge reopens');
  const suggestions = await get(`${server.origin}/api/search?lang=en&q=${encodeURIComponent('!!!')}`);
  expect(suggestions.status).toBe(200);
  expect((JSON.parse(suggestions.body) as { results: unknown[] }).results).toEqual([]);
});

/** The cores of this machine the flood and nginx use, and the ones the site and the reader keep. */
const FLOOD_CORE = '1';
const SITE_CORE = '0';
/** Keeps a process and its threads on some cores (`taskset`, util-linux). */
const pin = (pid: number, cores: string) => execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });

const articles = ['/en/news/city/harbour-bridge-reopens', '/en/news/city/rail-strike-called-off', '/zh-CN/news/tech/ai-summit'];
const FLOOD = ['/en/search?q=harbour', '/api/search?lang=en&q=harbour', `/zh-CN/search?q=${encodeURIComponent('峰会')}`];

/** A reader reading articles one after another (each URL new to any cache in front); the 99th percentile of their times. */
async function reader(origin: string, count: number, round: string): Promise<{ p99: number; statuses: number[] }> {
  const times: number[] = [];
  const statuses = new Set<number>();
  for (let i = 0; i < count; i++) {
    const answer = await get(`${origin}${articles[i % articles.length]}?reader=${round}-${i}`);
    statuses.add(answer.status);
    times.push(answer.ms);
  }
  times.sort((a, b) => a - b);
  return { p99: times[Math.ceil(times.length * 0.99) - 1] as number, statuses: [...statuses] };
}

/**
 * 32 connections of searches for 12 s, counting answers by status. On a real server the flood
 * comes over the network, from someone else's processor; here it runs on one core with nginx
 * (which answers it) while the site and the reader have the other, so that what is measured is
 * what the flood's requests do to the site, not what a load generator does to a 2-core machine.
 */
async function flood(origin: string): Promise<{ codes: Record<string, number>; errors: number }> {
  const { stdout } = await promisify(execFile)('taskset', [
    '-c',
    FLOOD_CORE,
    'nice',
    '-n',
    '19',
    process.execPath,
    'e2e/support/flood.mjs',
    origin,
    '12',
    ...FLOOD,
  ]);
  return JSON.parse(stdout) as { codes: Record<string, number>; errors: number };
}

async function readDuringFlood(readerOrigin: string, floodOrigin: string) {
  for (const url of articles) await get(server.origin + url);
  await get(`${server.origin}/en/search?q=harbour`);
  const quiet = await reader(readerOrigin, 400, 'quiet');
  const memoryBefore = rssMb(server.pid!);
  const flooding = flood(floodOrigin);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const busy = await reader(readerOrigin, 400, 'busy');
  const { codes, errors } = await flooding;
  const memoryRightAfter = rssMb(server.pid!);
  // Nothing of the flood is kept: once it is over the server's memory comes back (V8 grows its
  // heap under load and hands it back when the server is quiet: lib/server/idleCollector.ts).
  let memoryAfter = memoryRightAfter;
  for (let waited = 0; waited < 40 && memoryAfter - memoryBefore >= 50; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    memoryAfter = rssMb(server.pid!);
  }
  console.log(
    `reader p99: quiet ${quiet.p99.toFixed(1)} ms, during the flood ${busy.p99.toFixed(1)} ms; flood answers ${JSON.stringify(codes)}, ${errors} errors; site memory ${memoryBefore} → ${memoryRightAfter} → ${memoryAfter} MB`,
  );
  return { quiet, busy, codes, errors, memoryBefore, memoryAfter };
}

/** The bound the reader's 99th percentile keeps under a flood: twice its quiet one, or 50 ms on a fast machine. */
const floodBound = (quietP99: number) => Math.max(2 * quietP99, 50);

/** Runs `during` with the site and the reader on one core, and the flood (and nginx) on the other. */
async function pinned<T>(floodPids: number[], during: () => Promise<T>): Promise<T> {
  for (const pid of floodPids) pin(pid, FLOOD_CORE);
  pin(server.pid!, SITE_CORE);
  pin(process.pid, SITE_CORE);
  try {
    return await during();
  } finally {
    pin(server.pid!, '0,1');
    pin(process.pid, '0,1');
  }
}

test('through the shipped nginx: the site keeps its pace for readers, the flood gets 503s, the site stays flat', async () => {
  test.skip(!hasNginx(), `no nginx at ${nginxPath}`);
  const proxy = await startNginx({ port: PROXY_PORT, upstreamPort: PORT });
  const nginxPids = execFileSync('pgrep', ['-f', proxy.prefix], { encoding: 'utf8' }).trim().split('\n').map(Number);
  try {
    // The flood comes through nginx, as everything does; the reader's time is taken at the site,
    // which is what a flood must not starve (nginx answers the flood itself, see the counts).
    const run = await pinned(nginxPids, () => readDuringFlood(server.origin, proxy.origin));
    expect([...run.quiet.statuses, ...run.busy.statuses].every((status) => status === 200)).toBe(true);
    expect(run.busy.p99).toBeLessThanOrEqual(floodBound(run.quiet.p99));
    expect(run.errors).toBe(0);
    expect(Object.keys(run.codes).sort()).toEqual(['200', '503']);
    expect(run.memoryAfter - run.memoryBefore).toBeLessThan(50);
    // Beyond a client's burst, nginx refuses and says when to come back.
    const answers = await Promise.all(Array.from({ length: 40 }, () => get(`${proxy.origin}/api/search?lang=en&q=harbour`)));
    const refused = answers.find((answer) => answer.status === 503);
    expect(refused?.headers['retry-after']).toBe('5');
    expect(answers.find((answer) => answer.status === 200)?.headers['retry-after']).toBeUndefined();
  } finally {
    await proxy.stop();
  }
});

test('at the site itself: readers keep their pace; searches beyond its bound wait in line or are refused with Retry-After, never failed', async () => {
  // No nginx: every search of the flood reaches the site, which must keep readers to the same bound.
  const run = await pinned([], () => readDuringFlood(server.origin, server.origin));
  expect([...run.quiet.statuses, ...run.busy.statuses].every((status) => status === 200)).toBe(true);
  expect(run.busy.p99).toBeLessThanOrEqual(floodBound(run.quiet.p99));
  expect(run.errors).toBe(0);
  // Searches answered or refused: nothing failed, nothing timed out.
  expect(Object.keys(run.codes).sort()).toEqual(['200', '503']);
  expect(run.memoryAfter - run.memoryBefore).toBeLessThan(50);
  const answers = await Promise.all(Array.from({ length: 40 }, () => get(`${server.origin}/api/search?lang=en&q=harbour`)));
  // Whether 40 at once overlap enough to fill the line depends on the machine; a refusal, if any, says when to come back.
  const refused = answers.find((answer) => answer.status === 503);
  if (refused) expect(refused.headers['retry-after']).toBe('5');
});
