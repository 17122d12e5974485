/**
 * nginx as a Debian user runs it: Debian's own /etc/nginx/nginx.conf (worker_processes auto,
 * sendfile on, tcp_nopush on, gzip on, an access log), with the server block given in place of
 * conf.d/*.conf and no sites-enabled; logs, pid and temporary files moved into a folder of the
 * run's. Used by the benchmark for the static-files anchor and the shipped nginx cache.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nginxPath } from './nginx.mjs';

const DEBIAN_CONF = '/etc/nginx/nginx.conf';
export const hasDebianNginx = () => existsSync(nginxPath) && existsSync(DEBIAN_CONF);

/** Starts it with `server` (the text of one or more server blocks and what goes beside them) and waits for `readyUrl`. */
export async function startDebianNginx({ server, readyUrl, readyHeaders = {} }) {
  const prefix = mkdtempSync(path.join(tmpdir(), 'broadsheet-debian-nginx-'));
  mkdirSync(path.join(prefix, 'sites'));
  writeFileSync(path.join(prefix, 'site.conf'), server);
  const temporary = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${prefix}/${kind};`).join(' ');
  const conf = readFileSync(DEBIAN_CONF, 'utf8')
    .replace(/^user\s+[^;]+;/m, process.getuid?.() === 0 ? 'user root;' : '')
    .replace('/etc/nginx/conf.d/*.conf', path.join(prefix, 'site.conf'))
    .replace('/etc/nginx/sites-enabled/*', `${prefix}/sites/*`)
    .replace(/^http\s*{/m, `http { ${temporary}`)
    .replace(/\/var\/log\/nginx\//g, `${prefix}/`)
    .replace(/\/run\/nginx\.pid/g, path.join(prefix, 'nginx.pid'));
  writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  const child = spawn(nginxPath, ['-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
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
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${log}`);
    }
    try {
      const response = await fetch(readyUrl, { headers: readyHeaders });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {}
    if (Date.now() - started > 20_000) {
      await stop();
      throw new Error(`nginx did not answer ${readyUrl}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { prefix, pid: child.pid, log: () => log, stop };
}
