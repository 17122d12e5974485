import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './helpers/postgres';
import { postgresCluster } from './helpers/postgresStore';
import { copyCheckout, FUNCTION_LIMIT_BYTES, installVercel, VERCEL_VERSION, vercelBuild, type VercelFunction, vercelFunctions } from './helpers/vercelBuild';

/*
 * Issue 27 on Vercel: the Vercel CLI's `vercel build` (pinned, offline, installed into a
 * temporary folder) on a copy of this checkout with DATABASE_URL naming a real PostgreSQL. Its
 * build command (npm run vercel-build) syncs the demo content into the store and builds; then no
 * function may ship the content folder, nor weigh more than Vercel's 250 MB. Second, the built
 * server started the way a cold function starts: its folder read-only (and checked unchanged
 * after), no content folder, an empty temporary folder; an old article, a list page and a search
 * answer at once from the store, and the cron route imports into the store and publishes.
 *
 * In Vitest, not Playwright: nothing here needs a browser, and the build is the test's own
 * (Playwright's suite runs on the one `next build` of the checkout). It takes some minutes (the
 * CLI's install and a full build): the timeouts below only catch a hang.
 */

const BUILD_MS = 15 * 60_000;
const PORT = Number(process.env.VERCEL_TEST_PORT ?? 3400);
const SECRET = 'cron-secret-for-the-vercel-build-test';
const root = path.resolve(import.meta.dirname, '..');
const { url: clusterUrl, missing } = postgresCluster();

let work: string;
let checkout: string;
let databaseUrl: string;
let functions: VercelFunction[] = [];
let server: ChildProcess | undefined;

beforeAll(async () => {
  if (missing) return;
  work = mkdtempSync(path.join(tmpdir(), 'broadsheet-vercel-'));
  checkout = path.join(work, 'site');
  const cli = installVercel(process.env.VERCEL_CLI_PREFIX ?? path.join(work, 'cli'));
  copyCheckout(root, checkout);
  databaseUrl = await createDatabase(clusterUrl, 'vercel');
  await vercelBuild(cli, checkout, { DATABASE_URL: databaseUrl });
  functions = vercelFunctions(checkout);
}, BUILD_MS);

afterAll(() => {
  server?.kill('SIGKILL');
  if (!work) return;
  execFileSync('chmod', ['-R', 'u+w', work]);
  rmSync(work, { recursive: true, force: true });
});

/** Every file of the copy outside node_modules, with its size and modification time. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile()) {
        const stats = statSync(full);
        files.set(path.relative(dir, full), `${stats.size} ${stats.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}

function withoutBuildFolder(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.NEXT_DIST_DIR;
  return copy;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

if (missing) it.skip(`vercel build: ${missing}`, () => undefined);

describe.skipIf(missing)(`vercel build (vercel@${VERCEL_VERSION}) with DATABASE_URL`, () => {
  it('ships no function with the content folder, and none over 250 MB unzipped', () => {
    // The output is where this test looks: a build that wrote none would pass everything below.
    expect(functions.length).toBeGreaterThan(2);
    expect(functions.map((fn) => fn.name)).toContain('api/cron/import.func');
    for (const fn of functions) {
      expect(fn.content, `${fn.name} ships files of content/`).toEqual([]);
      expect(fn.bytes, `${fn.name} weighs ${(fn.bytes / 1048576).toFixed(1)} MB`).toBeLessThan(FUNCTION_LIMIT_BYTES);
    }
  });

  it('serves an old article, a list page and a search from the store the moment a cold instance starts, and publishes what the cron route imports', async () => {
    // A cold function: no content folder, its code read-only, an empty temporary folder.
    renameSync(path.join(checkout, 'content'), path.join(work, 'content-not-shipped'));
    const temporary = mkdtempSync(path.join(work, 'tmp-'));
    const empty = mkdtempSync(path.join(work, 'no-content-'));
    execFileSync('chmod', ['-R', 'a-w', checkout]);
    const before = snapshot(checkout);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const oldest = (await client.query<{ key: string }>("SELECT key FROM articles WHERE lang = 'en' ORDER BY date ASC LIMIT 1")).rows[0]?.key;
    await client.end();
    expect(oldest).toBeDefined();

    server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
      cwd: checkout,
      env: {
        ...withoutBuildFolder(process.env),
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        CONTENT_DIR: empty,
        TMPDIR: temporary,
        // What Vercel sets in its functions: the page cache then keeps to the temporary folder.
        VERCEL: '1',
        CRON_SECRET: SECRET,
        IMPORT_SOURCES: `wire=${path.join(root, 'tests/fixtures/import/upstream/harbourwire/list.json')}`,
      },
      stdio: 'ignore',
    });
    const origin = `http://127.0.0.1:${PORT}`;
    // Up when it answers anything at all; the first answer of each page is the one checked.
    for (let ready = false; !ready;) {
      ready = await fetch(`${origin}/robots.txt`).then(
        () => true,
        () => new Promise((resolve) => setTimeout(() => resolve(false), 200)),
      );
    }

    const article = await get(`${origin}/${oldest}`);
    expect(article.status).toBe(200);
    expect(article.body).toContain(`/${oldest}`);
    const home = await get(`${origin}/en`);
    expect(home.status).toBe(200);
    expect(home.body).toContain('/en/news/city/rail-strike-called-off');
    const search = await get(`${origin}/api/search?lang=en&q=strike`);
    expect(search.status).toBe(200);
    expect(search.body).toContain('/en/news/city/rail-strike-called-off');

    expect((await get(`${origin}/api/cron/import`)).status).toBe(401);
    expect((await get(`${origin}/api/cron/import`, { Authorization: 'Bearer not-the-secret' })).status).toBe(401);
    const cron = await get(`${origin}/api/cron/import`, { Authorization: `Bearer ${SECRET}` });
    expect(cron.status, cron.body).toBe(200);
    expect(JSON.parse(cron.body)).toMatchObject({ imported: true, written: 5 });
    const imported = await get(`${origin}/en/news/wire/1001`);
    expect(imported.status).toBe(200);
    expect(imported.body).toContain('Harbour berth opens early');
    expect((await get(`${origin}/api/search?lang=en&q=berth`)).body).toContain('/en/news/wire/1001');

    server.kill('SIGTERM');
    // Nothing was written beside the code (as root, chmod does not stop a write: this does).
    expect(snapshot(checkout)).toEqual(before);
    expect(readdirSync(temporary)).toContain('broadsheet');
  }, 300_000);
});
