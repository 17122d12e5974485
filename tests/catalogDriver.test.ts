import { EventEmitter } from 'node:events';
import { type FSWatcher, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogDriver, type DriverOptions, type ParserFactory } from '@/lib/store/sqlite/catalogDriver';
import { type ChangeSet, CatalogWriter } from '@/lib/store/sqlite/catalogWriter';
import { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import { initializeCatalog } from '@/lib/store/sqlite/database';
import type { ChangeCause, PassProgress } from '@/lib/store/sqlite/messages';
import { SearchWriter } from '@/lib/store/sqlite/searchWriter';
import type { WatchFunction } from '@/lib/content/watchContent';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent | undefined;
const drivers: CatalogDriver[] = [];
afterEach(() => {
  for (const driver of drivers.splice(0)) driver.stop();
  content?.remove();
  content = undefined;
});

const article = (title: string, date = '2025-02-08 03:17:28') => corpusShaped({ title: `"${title}"`, date: `"${date}"` });
const systemError = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });
const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
const WAIT = { timeout: 10_000, interval: 20 };

/** A catalog writer in memory for a folder, run by a driver whose events are recorded. */
function driverFor(dir: string, options: DriverOptions, parsers?: ParserFactory) {
  const db = new Database(':memory:');
  const searchDb = new Database(':memory:');
  initializeCatalog(db, searchDb, 'test');
  const writer = new CatalogWriter(db, dir, { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false }, new SearchWriter(searchDb));
  const log = {
    errors: [] as string[],
    infos: [] as string[],
    changes: [] as { cause: ChangeCause; files: string[] }[],
    passes: [] as PassProgress[],
  };
  const driver = new CatalogDriver(
    writer,
    {
      change: (set: ChangeSet | undefined, cause: ChangeCause) => log.changes.push({ cause, files: set?.files ?? [] }),
      pass: (progress) => log.passes.push(progress),
      error: (message) => log.errors.push(message),
      info: (message) => log.infos.push(message),
    },
    parsers,
    options,
  );
  drivers.push(driver);
  const index = new ContentIndex(db);
  const titles = () =>
    index
      .articles('en', 0, 100)
      .map((a) => a.title)
      .sort();
  return { driver, writer, log, titles };
}

/** A system watch the test drives by hand: `touch` reports a file as the system would. */
function handWatch() {
  const listeners = new Map<string, (event: string, filename: string | null) => void>();
  const watch: WatchFunction = (folder, listener) => {
    listeners.set(folder, listener);
    return Object.assign(new EventEmitter(), { close: () => listeners.delete(folder) }) as unknown as FSWatcher;
  };
  const touch = (dir: string, relative: string) => listeners.get(path.join(dir, path.dirname(relative)))?.('rename', path.basename(relative));
  return { watch, touch };
}

describe('the catalog driver when watching fails', () => {
  it('says which folder, why and what to do, and finds new files by rescanning the folder', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const refused: string[] = [];
    const { driver, log, titles } = driverFor(content.dir, {
      watch: (folder) => {
        refused.push(folder);
        throw systemError('ENOSPC', `System limit for number of file watchers reached, watch '${folder}'`);
      },
    });
    await driver.start({ watch: 'events', pollMs: 50 });
    expect(titles()).toEqual(['A']);
    expect(refused).toEqual([content.dir]);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toContain(`cannot watch ${content.dir}`);
    expect(log.errors[0]).toContain('System limit for number of file watchers reached');
    expect(log.errors[0]).toContain('fs.inotify.max_user_watches');
    expect(log.errors[0]).toContain('rescanned every 0.1 s');
    expect(driver.watchMode).toBe('poll');

    content.write('en/news/b.md', article('B'));
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'B']), WAIT);
    expect(log.changes.find((change) => change.files.includes('en/news/b.md'))?.cause).toBe('pass');
  });

  it('falls back the same way when a watch fails later', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const watchers: EventEmitter[] = [];
    const { driver, log, titles } = driverFor(content.dir, {
      watch: () => {
        const watcher = Object.assign(new EventEmitter(), { close: () => undefined });
        watchers.push(watcher);
        return watcher as unknown as FSWatcher;
      },
    });
    await driver.start({ watch: 'events', pollMs: 50 });
    watchers[1]?.emit('error', systemError('EMFILE', 'too many open files'));
    expect(log.errors[0]).toContain(`cannot watch ${path.join(content.dir, 'en')} (EMFILE`);
    content.write('en/b.md', article('B'));
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'B']), WAIT);
  });
});

describe('the catalog driver polling (BROADSHEET_WATCH=poll)', () => {
  it('watches nothing, finds new and deleted files by rescans, and starts no threads for them', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    let watches = 0;
    let pools = 0;
    const { driver, log, titles } = driverFor(
      content.dir,
      {
        watch: () => {
          watches++;
          throw new Error('polling watches nothing');
        },
      },
      () => {
        pools++;
        return undefined;
      },
    );
    await driver.start({ watch: 'poll', pollMs: 30 });
    expect(log.infos[0]).toContain('rescanned every');

    content.write('en/b.md', article('B'));
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'B']), WAIT);
    rmSync(path.join(content.dir, 'en/a.md'));
    await vi.waitFor(() => expect(titles()).toEqual(['B']), WAIT);
    await vi.waitFor(() => expect(log.passes.filter((pass) => pass.done && pass.kind === 'poll').length).toBeGreaterThanOrEqual(3), WAIT);

    expect(watches).toBe(0);
    expect(log.changes.filter((change) => change.cause !== 'pass')).toEqual([]);
    // Threads for the first pass only: a poll reads next to nothing.
    expect(pools).toBe(1);
    expect(log.errors).toEqual([]);
  });
});

describe('the catalog driver when an update fails', () => {
  it('keeps the failed file, says why, and publishes it when a retry succeeds', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const hand = handWatch();
    const { driver, writer, log, titles } = driverFor(content.dir, { watch: hand.watch, retryMs: 20, retryMaxMs: 40 });
    await driver.start({ watch: 'events' });
    const update = writer.update.bind(writer);
    let failuresLeft = 1;
    writer.update = (paths) => {
      if (failuresLeft-- > 0) throw diskFull();
      return update(paths);
    };

    content.write('en/b.md', article('B'));
    hand.touch(content.dir, 'en/b.md');
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'B']), WAIT);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toMatch(/^applying en\/b\.md failed \(failure 1 in a row\): .*database or disk is full/);
    expect(log.errors[0]).toContain('kept, and tried again in');
    expect(log.infos.at(-1)).toContain('caught up after 1 failure(s)');
  });

  it('merges changes that arrive while it fails, and applies them together once it can', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const hand = handWatch();
    const { driver, writer, log, titles } = driverFor(content.dir, { watch: hand.watch, retryMs: 20, retryMaxMs: 40 });
    await driver.start({ watch: 'events' });
    const update = writer.update.bind(writer);
    let full = true;
    const tried = new Set<string>();
    writer.update = (paths) => {
      for (const entry of paths) tried.add(entry);
      if (full) throw diskFull();
      return update(paths);
    };

    content.write('en/b.md', article('B'));
    hand.touch(content.dir, 'en/b.md');
    await vi.waitFor(() => expect(tried).toContain('en/b.md'), WAIT);
    content.write('en/c.md', article('C'));
    hand.touch(content.dir, 'en/c.md');
    // Tried alone, or with b's retry if that came at the same moment: either way it failed.
    await vi.waitFor(() => expect(tried).toContain('en/c.md'), WAIT);
    expect(titles()).toEqual(['A']);
    expect(log.errors[0]).toMatch(/^applying en\/b\.md failed \(failure 1 in a row\)/);

    full = false;
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'B', 'C']), WAIT);
    const applied = log.changes.filter((change) => change.cause === 'watch');
    expect(applied).toHaveLength(1);
    expect(applied[0]?.files.sort()).toEqual(['en/b.md', 'en/c.md']);
    expect(log.errors.every((error) => error.includes('database or disk is full'))).toBe(true);
  });

  it('doubles its wait with each failed retry, not with each change that fails meanwhile', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const hand = handWatch();
    const { driver, writer, log } = driverFor(content.dir, { watch: hand.watch, retryMs: 1000, retryMaxMs: 60_000 });
    await driver.start({ watch: 'events' });
    writer.update = () => {
      throw diskFull();
    };
    vi.useFakeTimers();
    try {
      for (const name of ['b', 'c', 'd', 'e']) {
        content.write(`en/${name}.md`, article(name.toUpperCase()));
        hand.touch(content.dir, `en/${name}.md`);
        await vi.advanceTimersByTimeAsync(200);
      }
      expect(log.errors.map((error) => error.replace(/^applying (\S+) .*tried again in (.*)$/s, '$1 $2'))).toEqual([
        'en/b.md 1 s',
        'en/c.md 0.8 s',
        'en/d.md 0.6 s',
        'en/e.md 0.4 s',
      ]);
      await vi.advanceTimersByTimeAsync(400);
      expect(log.errors.at(-1)).toMatch(/^applying 4 changed files \(of 4\) failed .*tried again in 2 s$/s);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a file the writer cannot take hold up no other', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const hand = handWatch();
    const { driver, writer, log, titles } = driverFor(content.dir, { watch: hand.watch, retryMs: 20, retryMaxMs: 40 });
    await driver.start({ watch: 'events' });
    const update = writer.update.bind(writer);
    let broken = true;
    writer.update = (paths) => {
      if (broken && [...paths].includes('en/bad.md')) throw new TypeError("Cannot read properties of undefined (reading 'key')");
      return update(paths);
    };

    content.write('en/bad.md', article('Bad')).write('en/good.md', article('Good'));
    hand.touch(content.dir, 'en/bad.md');
    hand.touch(content.dir, 'en/good.md');
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'Good']), WAIT);
    await vi.waitFor(() => expect(log.errors.filter((error) => error.startsWith('applying en/bad.md failed')).length).toBeGreaterThanOrEqual(2), WAIT);
    expect(log.errors[0]).toContain("Cannot read properties of undefined (reading 'key')");

    broken = false;
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'Bad', 'Good']), WAIT);
  });

  it('runs a failed full pass again', async () => {
    content = new TempContent().write('en/a.md', article('A'));
    const { driver, writer, log, titles } = driverFor(content.dir, { retryMs: 20 });
    const reconcile = writer.reconcile.bind(writer);
    let failuresLeft = 1;
    writer.reconcile = (...args) => (failuresLeft-- > 0 ? Promise.reject(diskFull()) : reconcile(...args));
    await driver.start({ watch: 'off' });
    expect(titles()).toEqual([]);
    expect(log.errors[0]).toContain(`reading the content folder ${content.dir} failed (failure 1 in a row)`);
    await vi.waitFor(() => expect(log.passes.filter((pass) => pass.done).map((pass) => pass.failed ?? false)).toEqual([true, false]), WAIT);
    expect(titles()).toEqual(['A']);
  });

  it('publishes a scheduled article whose publication failed', async () => {
    const soon = new Date(Date.now() + 300);
    const date = soon.toISOString().replace('T', ' ').slice(0, 19);
    content = new TempContent()
      .write('en/a.md', article('A'))
      .write('en/soon.md', article('Soon', date).replace(/^date:.*$/m, `date: "${soon.toISOString()}"`));
    const { driver, writer, log, titles } = driverFor(content.dir, { retryMs: 20 });
    await driver.start({ watch: 'off' });
    expect(titles()).toEqual(['A']);
    const publishDue = writer.publishDue.bind(writer);
    let failuresLeft = 1;
    writer.publishDue = () => {
      if (failuresLeft-- > 0) throw diskFull();
      return publishDue();
    };
    await vi.waitFor(() => expect(titles()).toEqual(['A', 'Soon']), WAIT);
    expect(log.errors[0]).toContain('publishing the articles due failed');
  });
});
