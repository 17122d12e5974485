/**
 * CPU affinity for a benchmark on one machine: the load generator on some cores and the servers
 * on the others, so that readers, who are on machines of their own in production, neither take
 * the servers' CPU nor wait for it (the kernel's scheduler otherwise shares the cores among every
 * runnable thread: a burst of renders at the site delays wrk's own threads, and wrk counts that
 * delay as the cache's latency).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { processTree } from './server.mjs';

const TASKSET = '/usr/bin/taskset';
export const canPin = () => existsSync(TASKSET);

/**
 * `--pin 0:1` → { readers: '0', servers: '1', site: '1' } (taskset CPU lists); undefined when not
 * asked. A third list puts the site apart from the caches (`0:1:0`: the caches on a CPU of their
 * own, as on a machine of their own in production, the site beside the readers).
 */
export function parsePin(value) {
  if (!value) return undefined;
  const match = /^([\d,-]+):([\d,-]+)(?::([\d,-]+))?$/.exec(value);
  if (!match) throw new Error(`--pin READERS:SERVERS[:SITE] as CPU lists (0:1, 0:1-3, 0:1:0), not ${value}`);
  if (!canPin()) throw new Error(`--pin needs ${TASKSET} (util-linux)`);
  return { readers: match[1], servers: match[2], site: match[3] ?? match[2] };
}

/** Moves every thread of a process and of its descendants onto `cpus`; new threads inherit it. */
export function pinTree(pid, cpus) {
  for (const id of processTree(pid)) {
    try {
      execFileSync(TASKSET, ['-a', '-cp', cpus, id], { stdio: 'ignore' });
    } catch {
      // Exited meanwhile.
    }
  }
}

/** The command and arguments that run `file` on `cpus` (or as it is, without them). */
export const onCpus = (cpus, file, args) => (cpus ? [TASKSET, ['-c', cpus, file, ...args]] : [file, args]);
