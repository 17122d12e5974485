import { readFileSync, readlinkSync } from 'node:fs';

/** The calling thread's id in the system, for another thread to read its CPU time (Linux); undefined elsewhere. */
export function systemThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** The CPU time (ms) a thread of this process has used so far, or undefined when it cannot be read. */
export function threadCpuMs(tid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // After the command name, which may hold spaces: utime and stime are the 12th and 13th fields,
    // in clock ticks of 1/100 s (USER_HZ, fixed for /proc).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
