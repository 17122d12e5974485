/**
 * Starts `next start` on a build and a content folder, as an operator would, and reports how it
 * is doing: when it answered first, its log, and its memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const nextBin = path.resolve('node_modules/next/dist/bin/next');

/** A process and all its descendants (their pids, as strings). */
export function processTree(pid) {
  const pids = [String(pid)];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(/\s+/));
    } catch {}
  }
  return pids;
}

/** Resident memory (MB) of a process and all its descendants. */
export function rssMb(pid) {
  let kb = 0;
  for (const id of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
    } catch {}
  }
  return Math.round(kb / 1024);
}

/**
 * Starts the server and waits until `readyPath` answers 200. Returns the time that took, and
 * helpers to read the log and stop the server.
 */
export async function startServer({ port, contentDir, distDir = '.next', readyPath = '/en', env = {}, timeoutMs = 120_000 }) {
  const started = performance.now();
  // Bound to loopback, as a server behind a reverse proxy is.
  const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: distDir, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}`;
  let readyMs = NaN;
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(base + readyPath);
      await response.arrayBuffer();
      if (response.ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (Number.isNaN(readyMs)) throw new Error(`server did not answer ${readyPath} within ${timeoutMs} ms:\n${log}`);
  return {
    base,
    /** performance.now() when the server process was started. */
    startedAt: started,
    readyMs,
    pid: child.pid,
    log: () => log,
    /** Waits until the log matches a pattern; returns the match. */
    async waitForLog(pattern, waitMs = 120_000) {
      const until = performance.now() + waitMs;
      while (performance.now() < until) {
        const match = pattern.exec(log);
        if (match) return match;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no ${pattern} in the server log:\n${log}`);
    },
    rssMb: () => rssMb(child.pid),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
