/**
 * Varnish from the system (Debian's varnish with varnish-modules' vmod_xkey), running the shipped
 * deploy/varnish/broadsheet.vcl with only its backend's address changed, under the options of
 * Debian's own unit (varnish.service: `-s malloc,256m`, its thread pools and every other
 * parameter at their defaults). Used by `npm run proxy`, the browser tests and the benchmark.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const varnishdPath = process.env.VARNISHD_PATH ?? '/usr/sbin/varnishd';
export const varnishstatPath = path.join(path.dirname(varnishdPath).replace(/sbin$/, 'bin'), 'varnishstat');
const xkeyPath = '/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so';
export const hasVarnish = () => existsSync(varnishdPath);
/** Why Varnish cannot run here, or undefined when it can. */
export function varnishMissing() {
  if (!existsSync(varnishdPath)) return `no varnishd at ${varnishdPath} (apt-get install varnish varnish-modules)`;
  const vmods = execFileSync(varnishdPath, ['-x', 'parameter'], { encoding: 'utf8' }).match(/vmod_path[\s\S]*?Default is ([^\n]+)/)?.[1];
  if (!existsSync(xkeyPath) && !(vmods && vmods.split(':').some((dir) => existsSync(path.join(dir.trim(), 'libvmod_xkey.so'))))) {
    return 'no vmod_xkey (apt-get install varnish-modules)';
  }
  return undefined;
}

/** Debian's varnish.service, less what concerns a system service (its ports, jail, admin secret). */
export const DEBIAN_STORAGE = 'malloc,256m';

/** The shipped VCL with its backend at `host:port`. */
export function vclFor({ host = '127.0.0.1', port, vcl = 'deploy/varnish/broadsheet.vcl' }) {
  const text = readFileSync(vcl, 'utf8');
  const backend = /(backend default \{[^}]*?\.host = ")[^"]*(";[^}]*?\.port = ")[^"]*(";)/;
  if (!backend.test(text)) throw new Error(`${vcl}: no \`backend default { .host = "…"; .port = "…"; }\` to point at the site`);
  return text.replace(backend, `$1${host}$2${port}$3`);
}

/**
 * Starts varnishd in the foreground on `port` in front of the site at `upstream`, and waits until
 * it answers. Returns its origin, the value of BROADSHEET_PURGE that purges it, the number of
 * requests it has sent the site so far (varnishstat's MAIN.backend_req), and `stop()`.
 */
export async function startVarnish({ port, upstream, vcl, host = '127.0.0.1', storage = DEBIAN_STORAGE, readyPath, quiet = true }) {
  const target = new URL(upstream);
  const workdir = mkdtempSync(path.join(tmpdir(), 'broadsheet-varnish-'));
  const vclFile = path.join(workdir, 'broadsheet.vcl');
  writeFileSync(vclFile, vclFor({ host: target.hostname, port: target.port || '80', vcl }));
  // Started by root, varnishd drops to its own user (Debian's vcache) before it reads the VCL.
  chmodSync(workdir, 0o755);
  chmodSync(vclFile, 0o644);
  const args = ['-F', '-n', workdir, '-a', `${host}:${port}`, '-T', 'none', '-f', vclFile, '-s', storage];
  const child = spawn(varnishdPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  if (!quiet) {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  const origin = `http://${host}:${port}`;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(workdir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`varnishd exited with ${child.exitCode}:\n${log}`);
    }
    try {
      const response = await fetch(origin + (readyPath ?? '/'), { method: readyPath ? 'GET' : 'PURGE' });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {}
    if (Date.now() - started > 30_000) {
      await stop();
      throw new Error(`varnishd did not answer at ${origin}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    origin,
    workdir,
    pid: child.pid,
    purgeSetting: `varnish=${origin}`,
    log: () => log,
    /** Resolves with varnishd's exit code (or signal) when it exits. */
    exited,
    /** Requests Varnish has sent the site since it started. */
    backendRequests: () => counter(workdir, 'MAIN.backend_req'),
    /** Any varnishstat counter, e.g. MAIN.cache_hit. */
    counter: (name) => counter(workdir, name),
    stop,
  };
}

function counter(workdir, name) {
  const out = execFileSync(varnishstatPath, ['-n', workdir, '-1', '-f', name], { encoding: 'utf8' });
  const match = new RegExp(`^${name.replace('.', '\\.')}\\s+(\\d+)`, 'm').exec(out);
  if (!match) throw new Error(`varnishstat: no ${name} in:\n${out}`);
  return Number(match[1]);
}
