import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { get } from './support/http';
import { freshCopy, startProcess } from './support/servers';

/**
 * One server per cache folder (lib/server/cacheFolderLock.ts): a second `next start` on the
 * cache folder another server holds exits 1 at once, naming the folder and the first server's
 * pid, and the first keeps serving. Each runs from its own copy of the build; only
 * BROADSHEET_CACHE_DIR is shared.
 */
test.describe.configure({ timeout: 180_000 });

const PORT = 3290;
const nextBin = 'node_modules/next/dist/bin/next';

test('a second server on the same cache folder is refused, and the first keeps serving', async () => {
  const cacheDir = path.join(tmpdir(), `broadsheet-onecache-${process.pid}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const env = { NODE_ENV: 'production' as const, CONTENT_DIR: path.resolve('content'), BROADSHEET_CACHE_DIR: cacheDir };
  const first = await startProcess(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...env, NEXT_DIST_DIR: freshCopy('.next', '.next-onecache-a') },
    origin: `http://127.0.0.1:${PORT}`,
    readyLog: /\[content\] \d+ articles from/,
  });
  try {
    const second = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(PORT + 1)], {
      env: { ...process.env, ...env, NEXT_DIST_DIR: freshCopy('.next', '.next-onecache-b') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    second.stdout.on('data', (chunk) => (log += chunk));
    second.stderr.on('data', (chunk) => (log += chunk));
    // A server that is not refused runs on: it is stopped, and the test fails on its exit code.
    const running = setTimeout(() => second.kill('SIGKILL'), 90_000);
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    clearTimeout(running);
    expect(code, log).toBe(1);
    expect(log).toContain(`refusing to start: another Broadsheet server is running on the cache folder ${cacheDir} (pid ${first.pid} on `);
    expect(log).toContain('BROADSHEET_CACHE_DIR');
    expect((await get(`${first.origin}/en`)).status).toBe(200);
  } finally {
    await first.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
