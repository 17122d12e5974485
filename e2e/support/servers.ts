import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { get, waitFor } from './http';

/** A process the tests started: the site or nginx. */
export interface Started {
  /** Where the tests reach it. */
  origin: string;
  log: () => string;
  stop: () => Promise<void>;
}

const nextBin = path.resolve('node_modules/next/dist/bin/next');

/** Starts a process and waits until `origin + readyPath` answers 200. */
export async function startProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; origin: string; readyPath?: string }): Promise<Started> {
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
      waitFor(async () => (await get(options.origin + (options.readyPath ?? '/en'), {}, 2000)).status === 200, 60_000, `answering at ${options.origin}`),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${command} ${args.join(' ')}: ${(error as Error).message}\n${log}`);
  }
  return { origin: options.origin, log: () => log, stop };
}

/** `next start` on a build folder (relative to the project, as Next.js requires), with the given `-H` (none: Next's default) and port. */
export function startNext(options: { distDir: string; contentDir: string; host?: string; port: number; probeHost?: string }): Promise<Started> {
  const args = [nextBin, 'start', '-p', String(options.port), ...(options.host ? ['-H', options.host] : [])];
  return startProcess(process.execPath, args, {
    env: { NODE_ENV: 'production', NEXT_DIST_DIR: options.distDir, CONTENT_DIR: options.contentDir },
    origin: `http://${options.probeHost ?? '127.0.0.1'}:${options.port}`,
  });
}

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

export const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const hasNginx = () => existsSync(nginxPath);
/** Debian's libnginx-mod-http-cache-purge. */
const purgeModulePath = '/usr/lib/nginx/modules/ngx_http_cache_purge_module.so';

/**
 * nginx from the system (Debian's nginx-light in CI), running the shipped
 * deploy/nginx/broadsheet.conf with only its addresses changed: it listens on `port` and passes
 * to the site at `upstreamPort`.
 */
export async function startNginx(options: { port: number; upstreamPort: number; config?: string }): Promise<Started> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'broadsheet-nginx-'));
  const shipped = options.config ?? 'deploy/nginx/broadsheet.conf';
  const site = readFileSync(shipped, 'utf8')
    .replace(/listen 80;/g, `listen 127.0.0.1:${options.port};`)
    .replace(/server 127\.0\.0\.1:3000;/g, `server 127.0.0.1:${options.upstreamPort};`)
    .replace(/\/var\/cache\/nginx\/broadsheet/g, path.join(prefix, 'cache'));
  writeFileSync(path.join(prefix, 'broadsheet.conf'), site);
  // Debian's module snippets name paths relative to its own prefix; this nginx runs in another.
  const modules = /purge/.test(site) ? `load_module ${purgeModulePath};` : '';
  writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `${modules}
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include /etc/nginx/mime.types;
  include ${prefix}/broadsheet.conf;
}
`,
  );
  const started = await startProcess(nginxPath, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
    origin: `http://127.0.0.1:${options.port}`,
  });
  return {
    ...started,
    stop: async () => {
      await started.stop();
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
