/**
 * nginx from the system (Debian's nginx-light, with libnginx-mod-http-cache-purge where the
 * config asks for it), running the shipped deploy/nginx/broadsheet.conf with only its addresses
 * and cache folder changed: it listens on `port` and passes to the site at `upstreamPort`.
 * Used by the browser tests and the benchmark alike.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const hasNginx = () => existsSync(nginxPath);
const purgeModulePath = '/usr/lib/nginx/modules/ngx_http_cache_purge_module.so';

/** The full nginx.conf of a test or benchmark run around a site config. */
export function nginxConfig({ prefix, site, workers = 1 }) {
  // Debian's module snippets name paths relative to its own prefix; this nginx runs in another.
  const modules = /proxy_cache_purge/.test(site) ? `load_module ${purgeModulePath};` : '';
  return `${modules}
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes ${workers};
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include /etc/nginx/mime.types;
  include ${prefix}/site.conf;
}
`;
}

/** Starts nginx and waits until `readyPath` answers through it. Returns its origin and `stop()`. */
export async function startNginx({ port, upstreamPort, config = 'deploy/nginx/broadsheet.conf', extra = '', workers = 1, readyPath = '/en' }) {
  const prefix = mkdtempSync(path.join(tmpdir(), 'broadsheet-nginx-'));
  const site = readFileSync(config, 'utf8')
    .replace(/listen 80;/g, `listen 127.0.0.1:${port};`)
    .replace(/^(\s*server_name news\.example\.org);/m, '$1 127.0.0.1 localhost;')
    .replace(/server 127\.0\.0\.1:3000;/g, `server 127.0.0.1:${upstreamPort};`)
    .replace(/\/var\/cache\/nginx\/broadsheet/g, path.join(prefix, 'cache'));
  writeFileSync(path.join(prefix, 'site.conf'), `${site}\n${extra}`);
  writeFileSync(path.join(prefix, 'nginx.conf'), nginxConfig({ prefix, site, workers }));
  const child = spawn(nginxPath, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      const errors = existsSync(path.join(prefix, 'error.log')) ? readFileSync(path.join(prefix, 'error.log'), 'utf8') : '';
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${log}\n${errors}`);
    }
    try {
      const response = await fetch(origin + readyPath);
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {}
    if (Date.now() - started > 20_000) {
      await stop();
      throw new Error(`nginx did not answer at ${origin}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { origin, prefix, log: () => log, stop };
}
