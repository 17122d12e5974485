/**
 * Throughput of one URL with wrk (Debian's `wrk`), a load generator in C: a cache in front
 * answers faster than a generator in JavaScript can ask. Undefined where wrk is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { onCpus } from './pin.mjs';

const WRK = '/usr/bin/wrk';
export const hasWrk = () => existsSync(WRK);

const toMs = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? NaN);

/**
 * `script`: a Lua file (bench/lib/mix.lua), given `scriptArgs` after `--`; `cpus`: a taskset CPU
 * list to run wrk on (bench/lib/pin.mjs).
 */
function command(url, { connections = 32, durationSec = 10, threads = 2, headers = {}, script, scriptArgs = [], cpus } = {}) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${durationSec}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (script) args.push('-s', script);
  return onCpus(cpus, WRK, [...args, url, ...(script ? ['--', ...scriptArgs] : [])]);
}

/** Synchronous: nothing else runs meanwhile. */
export function wrk(url, options) {
  if (!hasWrk()) return undefined;
  const [file, args] = command(url, options);
  return parseWrk(url, execFileSync(file, args, { encoding: 'utf8' }));
}

/** The same, without blocking: other work (a newsroom writing files) goes on while wrk runs. */
export function wrkAsync(url, options) {
  const [file, args] = command(url, options);
  return new Promise((resolve, reject) => execFile(file, args, { encoding: 'utf8' }, (error, out) => (error ? reject(error) : resolve(parseWrk(url, out)))));
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
