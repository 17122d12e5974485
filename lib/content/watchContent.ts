import { type Dirent, type FSWatcher, readdirSync, statSync, watch as systemWatch } from 'node:fs';
import path from 'node:path';

/** The system's watch of one folder (node:fs `watch`); tests hand in one that fails. */
export type WatchFunction = (folder: string, listener: (event: string, filename: string | Buffer | null) => void) => FSWatcher;

/** Why watching stopped: the folder the system refused, its error, and what to do about it. */
export interface WatchFailure {
  folder: string;
  error: NodeJS.ErrnoException;
  /** The folder, the system's reason and the remedy, in a sentence. */
  message: string;
}

export interface WatchOptions {
  /** Wait this long after the last event before reporting (a save is often several events). */
  quietMs?: number;
  /** Report at the latest this long after the first event, even while events keep coming. */
  maxWaitMs?: number;
  watch?: WatchFunction;
  /**
   * Called once if the system refuses to watch any folder, then or later; every watch is closed
   * by then and nothing more is reported, so the caller must rescan instead.
   */
  onFailure?: (failure: WatchFailure) => void;
}

export interface ContentWatcher {
  close(): void;
  /** Folders watched; one operating-system watch each. */
  readonly folderCount: number;
  /** Set once watching has failed (and stopped). */
  readonly failure: WatchFailure | undefined;
}

const isHidden = (relative: string) => relative.split('/').some((segment) => segment.startsWith('.'));

/** What an operator can do about each way a watch is refused. */
function remedy(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
      return 'the system allows no more inotify watches: raise fs.inotify.max_user_watches (sysctl -w fs.inotify.max_user_watches=524288, and in /etc/sysctl.d to keep it) and restart the server to watch again';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files or inotify instances: raise fs.inotify.max_user_instances or the open-file limit (ulimit -n) and restart the server to watch again';
    case 'EACCES':
    case 'EPERM':
      return "the server's user may not watch it: give it read access, or set BROADSHEET_WATCH=poll";
    default:
      return 'the folder cannot be watched here (a network mount?): set BROADSHEET_WATCH=poll to rescan it instead';
  }
}

/** A folder that is gone: its parent's watch reports that, it is no failure. */
function vanished(error: NodeJS.ErrnoException, full: string): boolean {
  if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') return false;
  try {
    return !statSync(full).isDirectory();
  } catch {
    return true;
  }
}

/**
 * Watches a content folder and reports changed paths (relative, forward slashes) in batches.
 *
 * One non-recursive watch per folder, not Node's `recursive: true`: on Linux that is a JavaScript
 * layer that walks the tree and watches every file, which pins a core on an 18,000-file archive
 * and stalls the server for minutes when 10,000 files arrive at once. Folder watches are one
 * inotify watch each (about 140 for the corpus) and cost nothing while nothing changes.
 *
 * A batch may name folders (a folder moved in or out); `undefined` means the system lost track
 * and everything should be read again. If the system refuses a watch (its limit reached, a mount
 * it cannot watch), every watch is closed and `onFailure` told: a watcher that misses one folder
 * would miss its changes for good, unheard.
 */
export function watchContent(root: string, onChange: (paths: string[] | undefined) => void, options: WatchOptions = {}): ContentWatcher {
  const quietMs = options.quietMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const watch: WatchFunction = options.watch ?? ((folder, listener) => systemWatch(folder, listener));
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let rescan = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  let failure: WatchFailure | undefined;

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

  const closeAll = () => {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };

  const fail = (full: string, error: NodeJS.ErrnoException) => {
    if (failure) return;
    // Node's messages begin with the code; others may not.
    const reason = error.code && !error.message.startsWith(error.code) ? `${error.code}: ${error.message}` : error.message;
    failure = { folder: full, error, message: `cannot watch ${full} (${reason}); ${remedy(error.code)}` };
    closeAll();
    const report = options.onFailure ?? ((told: WatchFailure) => console.error(`[content] ${told.message}`));
    report(failure);
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
    if (failure) return;
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

  /** A watch's later error: a folder gone is a removal; anything else ends watching. */
  const onError = (folder: string, full: string, error: NodeJS.ErrnoException) => {
    if (folder && vanished(error, full)) {
      unwatch(folder);
      pending.add(folder);
      schedule();
      return;
    }
    fail(full, error);
  };

  function watchTree(folder: string): void {
    if (failure || watchers.has(folder)) return;
    const full = path.join(root, folder);
    let entries: Dirent[];
    try {
      const watcher = watch(full, (_event, filename) => onEvent(folder, filename === null ? null : filename.toString()));
      watcher.on('error', (error: NodeJS.ErrnoException) => onError(folder, full, error));
      watchers.set(folder, watcher);
      entries = readdirSync(full, { withFileTypes: true });
    } catch (error) {
      // A folder removed while it was being walked is no failure; its parent reports it.
      if (folder && vanished(error as NodeJS.ErrnoException, full)) {
        unwatch(folder);
        return;
      }
      fail(full, error as NodeJS.ErrnoException);
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) watchTree(folder ? `${folder}/${entry.name}` : entry.name);
    }
  }

  watchTree('');
  return {
    close: closeAll,
    get folderCount() {
      return watchers.size;
    },
    get failure() {
      return failure;
    },
  };
}
