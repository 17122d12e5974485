import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type Cluster, createDatabase, postgresMissing, startCluster } from '../tests/helpers/postgres';
import { get, waitFor } from './support/http';
import { freshCopy, type Started, startProcess } from './support/servers';

/**
 * Two servers on one PostgreSQL store (issue 27), the way several Node servers are deployed: A
 * follows a content folder and writes it into the store, B has an empty folder and serves only
 * what the store holds. A change made on A's folder reaches B's readers within 2 s (LISTEN/NOTIFY),
 * a deleted article answers 410 on B, and with PostgreSQL stopped B keeps serving the pages it
 * holds, answers the rest 503 with Retry-After, and recovers by itself when PostgreSQL is back.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PORT = 3310;
const nextBin = 'node_modules/next/dist/bin/next';
const CHANGE_BOUND_MS = 2000;

let cluster: Cluster;
let workDir: string;
let folder: string;
let writer: Started;
let reader: Started;

function server(name: string, port: number, contentDir: string, databaseUrl: string): Promise<Started> {
  return startProcess(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      NODE_ENV: 'production',
      NEXT_DIST_DIR: freshCopy('.next', `.next-shared-${name}`),
      CONTENT_DIR: contentDir,
      DATABASE_URL: databaseUrl,
      BROADSHEET_CACHE_DIR: path.join(workDir, `cache-${name}`),
    },
    origin: `http://127.0.0.1:${port}`,
  });
}

/** The demo's rail-strike article under another title and text. */
function article(title: string, body: string): string {
  return readFileSync('content/en/news/city/rail-strike-called-off.en.md', 'utf8')
    .replace('Rail strike called off after overnight talks', title)
    .replace('2026-11-25 06:45:00', '2026-12-03 08:00:00')
    .replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}\n`);
}

test.beforeAll(async () => {
  test.skip(Boolean(postgresMissing()), postgresMissing() ?? '');
  cluster = await startCluster();
  const databaseUrl = await createDatabase(cluster.url, 'shared_store');
  workDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-shared-'));
  folder = path.join(workDir, 'content');
  cpSync('content', folder, { recursive: true });
  const empty = path.join(workDir, 'empty');
  mkdirSync(empty);
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/sync.ts', folder], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'pipe',
  });
  writer = await server('a', PORT, folder, databaseUrl);
  reader = await server('b', PORT + 1, empty, databaseUrl);
});

test.afterAll(async () => {
  await reader?.stop();
  await writer?.stop();
  cluster?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  for (const name of ['a', 'b']) rmSync(`.next-shared-${name}`, { recursive: true, force: true });
});

test('a server with an empty folder serves the store: articles, search and the feed', async () => {
  const page = await get(`${reader.origin}/en/news/city/rail-strike-called-off`);
  expect(page.status).toBe(200);
  expect(page.body).toContain('Rail strike called off after overnight talks');
  const search = await get(`${reader.origin}/en/search?q=strike`);
  expect(search.status).toBe(200);
  expect(search.body).toContain('/en/news/city/rail-strike-called-off');
  expect((await get(`${reader.origin}/en/index.xml`)).body).toContain('Rail strike called off after overnight talks');
});

test('a new article written on one server is on the other’s home within 2 s, its edit too, and its deletion answers 410 there', async () => {
  // The other server's home is in its page cache before the change.
  expect((await get(`${reader.origin}/en`)).status).toBe(200);
  const file = path.join(folder, 'en/news/city/tram-depot-opens.en.md');
  writeFileSync(file, article('Tram depot opens its doors', 'The new depot houses forty trams.'));
  const arrived = await waitFor(
    async () => (await get(`${reader.origin}/en`)).body.includes('Tram depot opens its doors'),
    15_000,
    'the new article on B’s home',
  );
  expect(arrived, 'from the write to the other server’s home').toBeLessThan(CHANGE_BOUND_MS + 1000);
  expect((await get(`${reader.origin}/en/news/city/tram-depot-opens`)).body).toContain('The new depot houses forty trams.');

  writeFileSync(file, article('Tram depot opens its doors', 'The new depot houses forty-two trams, not forty.'));
  const edited = await waitFor(
    async () => (await get(`${reader.origin}/en/news/city/tram-depot-opens`)).body.includes('forty-two trams, not forty'),
    15_000,
    'the edit on B',
  );
  expect(edited).toBeLessThan(CHANGE_BOUND_MS + 1000);

  rmSync(file);
  const gone = await waitFor(
    async () => (await get(`${reader.origin}/en/news/city/tram-depot-opens`)).status === 410,
    15_000,
    'the deletion answering 410 on B',
  );
  expect(gone).toBeLessThan(CHANGE_BOUND_MS + 1000);
  expect((await get(`${reader.origin}/en`)).body).not.toContain('Tram depot opens its doors');
  console.info(`[shared store] new article on the other server's home in ${arrived} ms, its edit in ${edited} ms, its deletion 410 there in ${gone} ms`);
});

test('PostgreSQL stopped: held pages are still served, the rest answer 503 with Retry-After, and all recovers when it is back', async () => {
  const held = `${reader.origin}/en/news/city/rail-strike-called-off`;
  expect((await get(held)).status).toBe(200);
  const notHeld = `${reader.origin}/en/news/city/council-budget-vote`;
  cluster.pause();
  try {
    const cached = await get(held);
    expect(cached.status).toBe(200);
    expect(cached.body).toContain('Rail strike called off after overnight talks');
    const uncached = await get(notHeld);
    expect(uncached.status).toBe(503);
    expect(Number(uncached.headers['retry-after'])).toBeGreaterThan(0);
    expect(uncached.headers['cache-control']).toContain('no-store');
    const search = await get(`${reader.origin}/en/search?q=budget`);
    expect([200, 503]).toContain(search.status);
    if (search.status === 503) expect(search.headers['retry-after']).toBeTruthy();
  } finally {
    cluster.resume();
  }
  const recovered = await waitFor(async () => (await get(notHeld)).status === 200, 30_000, 'the uncached article after PostgreSQL is back');
  console.info(`[shared store] serving again ${recovered} ms after PostgreSQL was back`);
  expect((await get(notHeld)).body).toContain('council');
});
