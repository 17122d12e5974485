/**
 * Throughput of one URL with wrk (Debian's `wrk`), a load generator in C: a cache in front
 * answers faster than a generator in JavaScript can ask. Undefined where wrk is not installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const WRK = '/usr/bin/wrk';
export const hasWrk = () => existsSync(WRK);

const toMs = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? NaN);

export function wrk(url, { connections = 32, durationSec = 10, threads = 2, headers = {} } = {}) {
  if (!hasWrk()) return undefined;
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${durationSec}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const out = execFileSync(WRK, [...args, url], { encoding: 'utf8' });
  const latency = (p) => {
    const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return match ? Math.round(toMs(match[1], match[2]) * 100) / 100 : NaN;
  };
  return {
    url,
    tool: 'wrk',
    requestsPerSec: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)),
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
