import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FolderLock, lockCacheFolder } from '@/lib/server/cacheFolderLock';

const folders: string[] = [];
const locks: FolderLock[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const lock of locks.splice(0)) if (lock.state === 'held') lock.release();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function cacheFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-lock-'));
  folders.push(root);
  return path.join(root, 'cache', 'broadsheet');
}

function lock(dir: string): FolderLock {
  const taken = lockCacheFolder(dir);
  locks.push(taken);
  return taken;
}

/** A process holding the folder as a server does (tests/helpers/holdCacheFolder.ts, in this very process: no tsx launcher between); `started` settles once it said what it got. */
function serverProcess(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/holdCacheFolder.ts', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  child.stderr?.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => out.includes('\n') && resolve(out.trim()));
    void exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  // A server refused never says it started: its exit is what the test awaits.
  started.catch(() => undefined);
  return { child, started, exited, stderr: () => err };
}

describe('one server per cache folder', () => {
  it('refuses a second lock on the folder, naming the folder, the holder and how to run two', () => {
    const dir = cacheFolder();
    expect(lock(dir).state).toBe('held');
    const second = lock(dir);
    expect(second.state).toBe('refused');
    if (second.state !== 'refused') return;
    expect(second.holder).toMatchObject({ pid: process.pid, host: hostname() });
    expect(second.message).toContain(`cache folder ${dir}`);
    expect(second.message).toContain(`pid ${process.pid} on ${hostname()}`);
    expect(second.message).toContain('BROADSHEET_CACHE_DIR');
    expect(second.message).toContain('NEXT_DIST_DIR');
  });

  it('is free again once its holder lets go, and a copy of a held folder (a copied build) is free', () => {
    const dir = cacheFolder();
    const first = lock(dir);
    const copy = path.join(path.dirname(dir), 'copy');
    cpSync(dir, copy, { recursive: true });
    expect(lock(copy).state).toBe('held');
    if (first.state === 'held') first.release();
    expect(lock(dir).state).toBe('held');
  });

  it('refuses a server while another process holds the folder, and takes over from one killed with SIGKILL', async () => {
    const dir = cacheFolder();
    const holder = serverProcess(dir);
    expect(await holder.started).toBe(`held ${holder.child.pid}`);

    // A second server exits 1 with the reason.
    const second = serverProcess(dir);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(
      `refusing to start: another Broadsheet server is running on the cache folder ${dir} (pid ${holder.child.pid} on ${hostname()}`,
    );
    expect(lock(dir).state).toBe('refused');

    // No clean-up runs on SIGKILL: the system drops the lock with the process.
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(lock(dir).state).toBe('held');
  }, 60_000);
});
