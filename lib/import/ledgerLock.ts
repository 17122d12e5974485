import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Locks this process holds: a lock file naming our pid that we do not hold is a previous life's (a container restarts with the same pid). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One import at a time per source folder on this machine (an `--every` loop and a cron run can
 * overlap): two at once would each save a ledger without the other's entries. A lock whose
 * process is gone (killed) is taken over.
 */
export function acquireLock(file: string, folder: string): { release: () => void } {
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      return {
        release: () => {
          held.delete(file);
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number(readFileSync(file, 'utf8'));
    const stale = !Number.isInteger(pid) || pid <= 0 || (pid === process.pid ? !held.has(file) : !alive(pid));
    if (!stale || attempt > 0)
      throw new Error(`another import (process ${pid}) is writing ${folder} (lock ${file}); remove the lock if that process is not an import`);
    rmSync(file, { force: true });
  }
}
