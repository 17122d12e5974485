import { type FSWatcher, mkdirSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type WatchFailure, watchContent } from '@/lib/content/watchContent';
import { TempContent } from './helpers/tempContent';

let content: TempContent;
let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  content?.remove();
});

/** Starts watching and returns a function that waits for the next batch. */
function watchBatches(dir: string) {
  const batches: (string[] | undefined)[] = [];
  let wake: (() => void) | undefined;
  const watcher = watchContent(
    dir,
    (paths) => {
      batches.push(paths);
      wake?.();
    },
    { quietMs: 100, maxWaitMs: 500 },
  );
  close = () => watcher.close();
  // A change is reported within a second; the bound only catches one never reported.
  return async (timeoutMs = 60_000): Promise<string[] | undefined> => {
    if (batches.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change reported')), timeoutMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return batches.shift();
  };
}

describe('watchContent', () => {
  it('reports saved Markdown files in one batch, and ignores other files', async () => {
    content = new TempContent();
    mkdirSync(path.join(content.dir, 'en'));
    const next = watchBatches(content.dir);
    writeFileSync(path.join(content.dir, 'en/a.md'), 'a');
    writeFileSync(path.join(content.dir, 'en/b.md'), 'b');
    writeFileSync(path.join(content.dir, 'en/notes.txt'), 'not content');
    writeFileSync(path.join(content.dir, 'en/a.md'), 'a again');
    expect((await next())?.sort()).toEqual(['en/a.md', 'en/b.md']);
  });

  it('reports a folder moved in by its name', async () => {
    content = new TempContent().write('staging/x.md', 'x');
    mkdirSync(path.join(content.dir, 'en'));
    const next = watchBatches(path.join(content.dir, 'en'));
    renameSync(path.join(content.dir, 'staging'), path.join(content.dir, 'en/news'));
    expect(await next()).toContain('news');
  });
});

/** An error as node:fs gives it. */
function systemError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

describe('watchContent when the system refuses', () => {
  it('says which folder, why and what to do when a watch is refused (ENOSPC), and keeps no half watcher', async () => {
    content = new TempContent().write('en/a.md', 'a').write('zh-CN/b.md', 'b');
    const opened: FSWatcher[] = [];
    const closed = new Set<FSWatcher>();
    const failures: WatchFailure[] = [];
    const reported: (string[] | undefined)[] = [];
    const watcher = watchContent(content.dir, (paths) => reported.push(paths), {
      quietMs: 20,
      watch: (folder, listener) => {
        if (folder.endsWith('zh-CN')) throw systemError('ENOSPC', `System limit for number of file watchers reached, watch '${folder}'`);
        const real = watch(folder, listener);
        opened.push(real);
        real.on('close', () => closed.add(real));
        return real;
      },
      onFailure: (failure) => failures.push(failure),
    });
    close = () => watcher.close();
    expect(failures).toHaveLength(1);
    expect(failures[0]?.folder).toBe(path.join(content.dir, 'zh-CN'));
    expect(failures[0]?.error.code).toBe('ENOSPC');
    expect(failures[0]?.message).toContain(path.join(content.dir, 'zh-CN'));
    expect(failures[0]?.message).toContain(`(ENOSPC: System limit for number of file watchers reached, watch '${path.join(content.dir, 'zh-CN')}')`);
    expect(failures[0]?.message).toContain('fs.inotify.max_user_watches');
    expect(watcher.failure).toBe(failures[0]);
    // Every watch it had opened is closed: nothing is half watched.
    expect(watcher.folderCount).toBe(0);
    expect(opened.length).toBeGreaterThan(0);
    writeFileSync(path.join(content.dir, 'en/c.md'), 'c');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reported).toEqual([]);
    expect(opened.every((real) => closed.has(real))).toBe(true);
  });

  it('ends watching the same way on a later error event, and names the open-file limits for EMFILE', () => {
    content = new TempContent().write('en/a.md', 'a');
    const watchers = new Map<string, FSWatcher>();
    const failures: WatchFailure[] = [];
    const watcher = watchContent(content.dir, () => undefined, {
      watch: (folder, listener) => {
        const real = watch(folder, listener);
        watchers.set(folder, real);
        return real;
      },
      onFailure: (failure) => failures.push(failure),
    });
    close = () => watcher.close();
    expect(watcher.folderCount).toBe(2);
    watchers.get(path.join(content.dir, 'en'))?.emit('error', systemError('EMFILE', 'too many open files'));
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toContain(path.join(content.dir, 'en'));
    expect(failures[0]?.message).toContain('fs.inotify.max_user_instances');
    expect(watcher.folderCount).toBe(0);
  });

  it('takes a folder removed while it is walked as a removal, not a failure', async () => {
    content = new TempContent().write('en/a.md', 'a').write('en/old/b.md', 'b');
    const failures: WatchFailure[] = [];
    const next = (() => {
      const batches: (string[] | undefined)[] = [];
      const watcher = watchContent(content.dir, (paths) => batches.push(paths), {
        quietMs: 20,
        watch: (folder, listener) => {
          if (folder.endsWith('old')) {
            rmSync(folder, { recursive: true });
            throw systemError('ENOENT', `no such file or directory, watch '${folder}'`);
          }
          return watch(folder, listener);
        },
        onFailure: (failure) => failures.push(failure),
      });
      close = () => watcher.close();
      return { batches, watcher };
    })();
    expect(failures).toEqual([]);
    expect(next.watcher.folderCount).toBe(2);
    writeFileSync(path.join(content.dir, 'en/c.md'), 'c');
    await vi.waitFor(() => expect(next.batches.flat()).toContain('en/c.md'), { timeout: 3000 });
  });
});
