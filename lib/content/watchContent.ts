import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  /** Wait this long after the last event before reporting (a save is often several events). */
  quietMs?: number;
  /** Report at the latest this long after the first event, even while events keep coming. */
  maxWaitMs?: number;
}

/**
 * Watches a content folder and reports changed paths (relative, forward slashes) in batches.
 * Uses the operating system's notifications (inotify, FSEvents), so nothing runs while nothing
 * changes. A batch may name folders (a folder moved in or out); `undefined` means the system
 * lost track and everything should be read again.
 */
export function watchContent(dir: string, onChange: (paths: string[] | undefined) => void, options: WatchOptions = {}): FSWatcher {
  const quietMs = options.quietMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  let pending = new Set<string>();
  let rescan = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;

  const flush = () => {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    const paths = rescan ? undefined : [...pending];
    pending = new Set();
    rescan = false;
    onChange(paths);
  };

  const watcher = watch(dir, { recursive: true }, (_event, filename) => {
    if (filename === null) {
      rescan = true;
    } else {
      const relative = filename.toString().split(path.sep).join('/');
      if (relative.split('/').some((segment) => segment.startsWith('.'))) return;
      // Files other than Markdown are ignored; names without an extension may be folders.
      if (!/\.md$/i.test(relative) && /\.[^/]+$/.test(relative)) return;
      pending.add(relative);
    }
    const now = Date.now();
    if (!quietTimer) firstEventAt = now;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flush, now - firstEventAt >= maxWaitMs ? 0 : quietMs);
  });
  watcher.on('error', (error) => console.error(`[content] watching ${dir} failed: ${error.message}`));
  return watcher;
}
