import { type Dirent, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  /** Wait this long after the last event before reporting (a save is often several events). */
  quietMs?: number;
  /** Report at the latest this long after the first event, even while events keep coming. */
  maxWaitMs?: number;
}

export interface ContentWatcher {
  close(): void;
  /** Folders watched; one operating-system watch each. */
  readonly folderCount: number;
}

const isHidden = (relative: string) => relative.split('/').some((segment) => segment.startsWith('.'));

/**
 * Watches a content folder and reports changed paths (relative, forward slashes) in batches.
 *
 * One non-recursive watch per folder, not Node's `recursive: true`: on Linux that is a JavaScript
 * layer that walks the tree and watches every file, which pins a core on an 18,000-file archive
 * and stalls the server for minutes when 10,000 files arrive at once. Folder watches are one
 * inotify watch each (about 140 for the corpus) and cost nothing while nothing changes.
 *
 * A batch may name folders (a folder moved in or out); `undefined` means the system lost track
 * and everything should be read again.
 */
export function watchContent(root: string, onChange: (paths: string[] | undefined) => void, options: WatchOptions = {}): ContentWatcher {
  const quietMs = options.quietMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let rescan = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;

  const flush = () => {
    quietTimer = undefined;
    const paths = rescan ? undefined : [...pending];
    pending = new Set();
    rescan = false;
    onChange(paths);
  };

  const schedule = () => {
    const now = Date.now();
    if (!quietTimer) firstEventAt = now;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flush, now - firstEventAt >= maxWaitMs ? 0 : quietMs);
  };

  const unwatch = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === folder || watched.startsWith(`${folder}/`)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };

  const onEvent = (folder: string, filename: string | null) => {
    if (filename === null) {
      rescan = true;
      schedule();
      return;
    }
    const relative = folder ? `${folder}/${filename}` : filename;
    if (isHidden(relative)) return;
    if (/\.md$/i.test(relative)) {
      pending.add(relative);
      schedule();
      return;
    }
    // Not Markdown: a folder arriving or leaving matters, other files do not.
    let isFolder = false;
    try {
      isFolder = statSync(path.join(root, relative)).isDirectory();
    } catch {
      isFolder = false;
    }
    if (isFolder) {
      watchTree(relative);
    } else if (watchers.has(relative)) {
      unwatch(relative);
    } else {
      return;
    }
    pending.add(relative);
    schedule();
  };

  function watchTree(folder: string): void {
    if (watchers.has(folder)) return;
    const full = path.join(root, folder);
    let entries: Dirent[];
    try {
      const watcher = watch(full, (_event, filename) => onEvent(folder, filename === null ? null : filename.toString()));
      watcher.on('error', () => unwatch(folder));
      watchers.set(folder, watcher);
      entries = readdirSync(full, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) watchTree(folder ? `${folder}/${entry.name}` : entry.name);
    }
  }

  watchTree('');
  return {
    close() {
      clearTimeout(quietTimer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
    get folderCount() {
      return watchers.size;
    },
  };
}
