/**
 * Throughput of one URL with wrk (Debian's `wrk`), a load generator in C: a cache in front
 * answers faster than a generator in JavaScript can ask. Undefined where wrk is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const WRK = '/usr/bin/wrk';
export const hasWrk = () => existsSync(WRK);

const toMs = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? NaN);

/** `script`: a Lua file (bench/lib/mix.lua), given `scriptArgs` after `--`. Synchronous: nothing else runs meanwhile. */
export function wrk(url, { connections = 32, durationSec = 10, threads = 2, headers = {}, script, scriptArgs = [] } = {}) {
  if (!hasWrk()) return undefined;
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${durationSec}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (script) args.push('-s', script);
  const out = execFileSync(WRK, [...args, url, ...(script ? ['--', ...scriptArgs] : [])], { encoding: 'utf8' });
  return parseWrk(url, out);
}

/** The same, without blocking: other work (a newsroom writing files) goes on while wrk runs. */
export function wrkAsync(url, { connections = 32, durationSec = 10, threads = 2, headers = {}, script, scriptArgs = [] } = {}) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${durationSec}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (script) args.push('-s', script);
  return new Promise((resolve, reject) =>
    execFile(WRK, [...args, url, ...(script ? ['--', ...scriptArgs] : [])], { encoding: 'utf8' }, (error, out) =>
      error ? reject(error) : resolve(parseWrk(url, out)),
    ),
  );
}

function parseWrk(url, out) {
  const latency = (p) => {
    const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return match ? Math.round(toMs(match[1], match[2]) * 100) / 100 : NaN;
  };
  return {
    url,
    tool: 'wrk',
    requestsPerSec: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
    transferPerSec: /Transfer\/sec:\s+(\S+)/.exec(out)?.[1],
    p50Ms: latency(50),
    p99Ms: latency(99),
    errors:
      Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
      Number(
        /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
          .exec(out)
          ?.slice(1)
          .reduce((a, b) => a + Number(b), 0) ?? 0,
      ),
  };
}
