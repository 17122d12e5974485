import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { get, waitFor } from './http';

/** A process the tests started: the site or nginx. */
export interface Started {
  /** Where the tests reach it. */
  origin: string;
  pid?: number;
  log: () => string;
  stop: () => Promise<void>;
}

const nextBin = path.resolve('node_modules/next/dist/bin/next');

/** Starts a process and waits until `origin + readyPath` answers 200 (and, with `readyLog`, its log says so). */
export async function startProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; origin: string; readyPath?: string; readyLog?: RegExp },
): Promise<Started> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`exited with ${code}`))));
  exited.catch(() => undefined);
  try {
    await Promise.race([
      exited,
      waitFor(
        async () => (await get(options.origin + (options.readyPath ?? '/en'), {}, 2000)).status === 200 && (!options.readyLog || options.readyLog.test(log)),
        60_000,
        `answering at ${options.origin}`,
      ),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${command} ${args.join(' ')}: ${(error as Error).message}\n${log}`);
  }
  return { origin: options.origin, pid: child.pid, log: () => log, stop };
}

/** `next start` on a build folder (relative to the project, as Next.js requires), with the given `-H` (none: Next's default) and port. */
export function startNext(options: {
  distDir: string;
  contentDir: string;
  host?: string;
  port: number;
  probeHost?: string;
  env?: Record<string, string>;
}): Promise<Started> {
  const args = [nextBin, 'start', '-p', String(options.port), ...(options.host ? ['-H', options.host] : [])];
  return startProcess(process.execPath, args, {
    env: { NODE_ENV: 'production', NEXT_DIST_DIR: options.distDir, CONTENT_DIR: options.contentDir, ...options.env },
    origin: `http://${options.probeHost ?? '127.0.0.1'}:${options.port}`,
    readyLog: catalogRead,
  });
}

/** The server's log line once it has read the content folder (a new one, the first time, from scratch). */
const catalogRead = /\[content\] \d+ articles from/;

/**
 * Builds the standalone server (BROADSHEET_OUTPUT=standalone) into its own build folder and
 * completes it as the README says; returns the folder holding server.js.
 */
export function buildStandalone(distDir: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, BROADSHEET_OUTPUT: 'standalone', NEXT_DIST_DIR: distDir, NODE_ENV: 'production' };
  execFileSync(process.execPath, [nextBin, 'build'], { env, stdio: 'pipe' });
  execFileSync(process.execPath, ['scripts/assemble-standalone.mjs', distDir], { env, stdio: 'pipe' });
  return path.resolve(distDir, 'standalone');
}

/** `node server.js` in a standalone folder, with HOSTNAME as given. */
export function startStandalone(options: { folder: string; contentDir: string; hostname: string; port: number; probeHost?: string }): Promise<Started> {
  return startProcess(process.execPath, ['server.js'], {
    cwd: options.folder,
    env: { NODE_ENV: 'production', HOSTNAME: options.hostname, PORT: String(options.port), CONTENT_DIR: options.contentDir },
    origin: `http://${options.probeHost ?? '127.0.0.1'}:${options.port}`,
    readyLog: catalogRead,
  });
}

/**
 * A fresh copy of a folder (a build, whose page cache the copy's server then keeps apart, or
 * content to change) at `to`, which for a build must be inside the project, as Next.js requires.
 */
export function freshCopy(from: string, to: string): string {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  return to;
}

export { hasNginx, nginxPath, startNginx } from '../../bench/lib/nginx.mjs';
export { startVarnish, varnishMissing } from '../../bench/lib/varnish.mjs';
