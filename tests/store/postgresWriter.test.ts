import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyOf } from '@/lib/content/frontMatter';
import { exportFolder, FolderSync, type PostgresStore, SyncRefused } from '@/lib/store/postgres';
import { PostgresWriter } from '@/lib/store/postgres/writer';
import { DEFERRED_INDEXES, missingIndexes } from '@/lib/store/postgres/deferredIndexes';
import { stemOf } from '@/lib/search/tokenize';
import { corpusShaped, TempContent } from '../helpers/tempContent';
import { newPostgresStore, postgresCluster, storeOptions, syncInto } from '../helpers/postgresStore';
import { createDatabase } from '../helpers/postgres';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { missing } = postgresCluster();
const now = Date.parse('2026-01-01T00:00:00Z');
const dated = (title: string, date: string, extra: Record<string, string> = {}) => corpusShaped({ title: `"${title}"`, date: `"${date}"`, ...extra });

let content: TempContent;
let store: PostgresStore | undefined;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) step();
  await store?.close();
  store = undefined;
  content?.remove();
});

const titles = async (lang = 'en') => (await store!.catalog.articles(lang, 0, 1000)).map((a) => a.title);
const fileRows = async () =>
  (
    await store!.pool.query<{ path: string; problems: string | null; dup_of: string | null; held: boolean }>(
      'SELECT path, problems, dup_of, held FROM files WHERE problems IS NOT NULL OR dup_of IS NOT NULL ORDER BY path',
    )
  ).rows;
const seq = async () => (await store!.changes.position()).seq;

describe.skipIf(missing)('the postgres writer', () => {
  const open = async (clock: () => number = () => now, extra = {}) => {
    store = await newPostgresStore('writer');
    const sync = (more = {}) => syncInto(store!, content.dir, storeOptions(clock, { ...extra, ...more }));
    return sync;
  };

  it('keeps the last good version of a published file edited into broken YAML live, says so, until it is fixed or deleted', async () => {
    content = new TempContent().write('en/a.md', dated('Ferry timetable', '2025-01-01') + 'The first sailing leaves at six.\n');
    const sync = await open();
    await sync();
    const before = await store!.catalog.article('en', ['a']);
    content.write('en/a.md', '---\ntitle: Ferry: new timetable [\ndate: "2025-01-01 00:00:00"\n---\n\nThe first sailing leaves at seven.\n');
    const start = await seq();
    const report = await sync();
    expect(report.changed).toBe(0);
    expect(await seq()).toBe(start);
    expect(await store!.catalog.article('en', ['a'])).toEqual(before);
    expect(bodyOf((await store!.catalog.source({ key: 'en/a' })) ?? '')).toContain('leaves at six');
    expect(report.problems).toEqual([
      expect.objectContaining({ file: 'en/a.md', severity: 'error', field: 'front matter', message: expect.not.stringContaining('left out') }),
      expect.objectContaining({ file: 'en/a.md', severity: 'warning', field: 'file', message: expect.stringContaining('last good version') }),
    ]);
    expect(await fileRows()).toEqual([expect.objectContaining({ path: 'en/a.md', held: true, problems: expect.stringContaining('last good version') })]);
    expect(await store!.search.count({ token: 'six' })).toBe(1);
    // The store keeps the file as it is now too (an export writes the broken file back out).
    const exported = mkdtempSync(path.join(tmpdir(), 'broadsheet-export-'));
    cleanup.push(() => rmSync(exported, { recursive: true, force: true }));
    await exportFolder(store!.pool, exported);
    expect(readFileSync(path.join(exported, 'en/a.md'), 'utf8')).toContain('leaves at seven');

    content.write('en/a.md', dated('Ferry: new timetable', '2025-01-01') + 'The first sailing leaves at seven.\n');
    expect((await sync()).changed).toBe(1);
    expect(await titles()).toEqual(['Ferry: new timetable']);
    expect(bodyOf((await store!.catalog.source({ key: 'en/a' })) ?? '')).toContain('leaves at seven');
    expect(await store!.search.count({ token: 'six' })).toBe(0);
    expect(await fileRows()).toEqual([]);

    content.write('en/a.md', '---\ntitle: [\n---\n');
    await sync();
    expect(await titles()).toEqual(['Ferry: new timetable']);
    rmSync(path.join(content.dir, 'en/a.md'));
    await sync();
    expect(await titles()).toEqual([]);
    expect(await fileRows()).toEqual([]);
    // Nothing refers to the bytes of any version any more.
    expect((await store!.pool.query('SELECT count(*)::int8 AS n FROM sources')).rows[0]).toEqual({ n: 0 });
  });

  it('never unpublishes a live article for a draft or a future-dated file claiming its URL, and frees a URL when its first file goes', async () => {
    content = new TempContent().write('en/news/b/index.md', dated('Live', '2025-01-01'));
    const sync = await open();
    await sync();
    content.write('en/news/b.en.md', dated('Draft copy', '2025-01-01', { draft: 'true' }));
    content.write('en/news/b.md', dated('Embargoed copy', '2027-01-01'));
    expect((await sync()).changed).toBe(0);
    expect(await titles()).toEqual(['Live']);
    expect(await fileRows()).toEqual([
      expect.objectContaining({ path: 'en/news/b.en.md', dup_of: 'en/news/b/index.md' }),
      expect.objectContaining({ path: 'en/news/b.md', dup_of: 'en/news/b/index.md' }),
    ]);
    rmSync(path.join(content.dir, 'en/news/b/index.md'));
    await sync();
    expect(await titles()).toEqual([]);

    content.write('en/a.md', dated('First', '2025-01-01'));
    await sync();
    content.write('en/a.en.md', dated('Second', '2025-01-01'));
    await sync();
    // The first file by path keeps the URL: "en/a.en.md" sorts before "en/a.md".
    expect(await titles()).toEqual(['Second']);
    rmSync(path.join(content.dir, 'en/a.en.md'));
    const heard = await sync();
    expect(heard.changed).toBe(1);
    // The owner changed without being read again: published from the store's own copy of its bytes.
    expect(await titles()).toEqual(['First']);
  });

  it('hides drafts and future articles except in preview, and publishes each at its time', async () => {
    content = new TempContent()
      .write('en/draft.md', dated('Draft', '2025-01-01', { draft: 'true' }))
      .write('en/future.md', dated('Future', '2026-01-01 00:00:05'))
      .write('en/past.md', dated('Past', '2025-06-01'));
    let clock = now;
    const sync = await open(() => clock);
    await sync();
    expect(await titles()).toEqual(['Past']);
    const writer = await PostgresWriter.open(
      store!.url,
      storeOptions(() => clock),
    );
    try {
      expect(await writer.nextPublication()).toBe(Date.parse('2026-01-01T00:00:05Z'));
      expect((await writer.publishDue()).changes).toEqual([]);
      clock += 6000;
      const published = await writer.publishDue();
      expect(published.changes.map((change) => [change.after?.meta.title, change.after?.older])).toEqual([['Future', 'en/past']]);
      expect(published.seq).toBe(await seq());
      expect(await titles()).toEqual(['Future', 'Past']);
      expect(await writer.nextPublication()).toBeUndefined();
      expect((await writer.publishDue()).changes).toEqual([]);
    } finally {
      await writer.close();
    }
    const preview = await newPostgresStore('preview');
    try {
      await syncInto(
        preview,
        content.dir,
        storeOptions(() => now, { preview: true }),
      );
      expect((await preview.catalog.articles('en', 0, 10)).map((a) => a.title)).toEqual(['Future', 'Past', 'Draft']);
    } finally {
      await preview.close();
    }
  });

  it('refuses a sync that would remove more than a tenth of the articles, or of a missing folder, unless told', async () => {
    content = new TempContent();
    for (let i = 0; i < 30; i++) content.write(`en/s${i}.md`, dated(`Story ${i}`, '2025-01-01'));
    const sync = await open();
    await sync();
    const start = await seq();
    // Three of thirty is a tenth: allowed.
    for (let i = 0; i < 3; i++) rmSync(path.join(content.dir, `en/s${i}.md`));
    expect((await sync()).deleted).toBe(3);
    // The folder emptied (an unmounted volume): nothing is removed, and the sync says why.
    for (let i = 3; i < 30; i++) rmSync(path.join(content.dir, `en/s${i}.md`));
    const afterDeletions = await seq();
    await expect(sync()).rejects.toThrow(SyncRefused);
    await expect(sync()).rejects.toThrow(/remove 27 of the 27 published articles .*--allow-deletions/);
    expect(await store!.catalog.size()).toBe(27);
    expect(await seq()).toBe(afterDeletions);
    await expect(
      syncInto(
        store!,
        path.join(content.dir, 'not-there'),
        storeOptions(() => now, { allowDeletions: true }),
      ),
    ).rejects.toThrow(/cannot be read \(ENOENT\); nothing was written/);
    expect(await store!.catalog.size()).toBe(27);
    expect((await sync({ allowDeletions: true })).deleted).toBe(27);
    expect(await store!.catalog.size()).toBe(0);
    expect(await seq()).toBeGreaterThan(start);
  });

  it('writes nothing on a second sync, nor when every file is touched with the same bytes', async () => {
    content = new TempContent();
    for (let i = 0; i < 40; i++) content.write(`en/s${i}.md`, dated(`Story ${i}`, '2025-01-01'));
    const sync = await open();
    const first = await sync();
    expect(first).toMatchObject({ files: 40, read: 40, written: 40, deleted: 0, changed: 40 });
    const start = await seq();
    expect(await sync()).toMatchObject({ files: 40, read: 0, written: 0, changed: 0 });
    // A checkout touches every file: each is read and hashed, and none written.
    const later = new Date('2026-02-01');
    for (let i = 0; i < 40; i++) utimesSync(path.join(content.dir, `en/s${i}.md`), later, later);
    expect(await sync()).toMatchObject({ files: 40, read: 40, written: 0, changed: 0 });
    expect(await seq()).toBe(start);
    // The new times are recorded: the next sync reads nothing.
    expect(await sync()).toMatchObject({ read: 0, written: 0 });
    content.write('en/s7.md', dated('Story 7, edited', '2025-01-01'));
    expect(await sync()).toMatchObject({ read: 1, written: 1, changed: 1 });
    expect(await seq()).toBe(start + 1);
  });

  it('publishes an article larger than a search entry holds, searchable by its title and first words, and says so', async () => {
    // 160,000 distinct words of 8 letters: about 1.4 MB of tokens, past PostgreSQL's 1 MB for one tsvector.
    const words = Array.from({ length: 160_000 }, (_, i) => `q${i.toString(36).padStart(7, 'a')}`);
    content = new TempContent()
      .write('en/huge.md', dated('Enormous transcript', '2025-01-01') + words.join(' ') + '\n')
      .write('en/small.md', dated('Small story', '2025-01-02'));
    const sync = await open();
    const report = await sync();
    expect(await titles()).toEqual(['Small story', 'Enormous transcript']);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: 'en/huge.md',
        field: 'body',
        severity: 'warning',
        message: expect.stringMatching(/larger than a search entry holds: \d+ of its distinct words/),
      }),
    ]);
    expect(await store!.search.count({ title: { token: 'enorm' } })).toBe(1);
    expect(await store!.search.count({ token: words[0] as string })).toBe(1);
    expect(await store!.search.count({ token: words.at(-1) as string })).toBe(0);
  });

  it('writes the store back out byte for byte: BOM, CRLF, Chinese, broken files and duplicates included', async () => {
    content = new TempContent()
      .write('en/bom.md', `\uFEFF${dated('With a BOM', '2025-01-01')}`)
      .write('en/crlf.md', dated('Windows line ends', '2025-01-02').replace(/\n/g, '\r\n'))
      .write('zh-CN/新闻/峰会.md', dated('人工智能行动峰会', '2025-01-03') + '各国代表在巴黎。\n')
      .write('en/broken.md', '---\ntitle: [\n---\nA body.\n')
      .write('en/dup.en.md', dated('Twin', '2025-01-04'))
      .write('en/dup.md', dated('Twin, second', '2025-01-04'))
      // An author's description (issue 29), kept in the store like any file.
      .write('authors/mei-chan.md', '---\r\nname: "Mei Chan"\r\nbio: { en: "City desk.", zh-CN: "城市版。" }\r\n---\r\n');
    const sync = await open();
    await sync();
    const out = mkdtempSync(path.join(tmpdir(), 'broadsheet-export-'));
    cleanup.push(() => rmSync(out, { recursive: true, force: true }));
    expect(await exportFolder(store!.pool, out)).toBe(7);
    const listing = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort();
    expect(listing(out)).toEqual(listing(content.dir));
    for (const file of listing(content.dir)) {
      expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(content.dir, file))), file).toBe(true);
      // The time it was synced with, to the microsecond a double holds in seconds.
      expect(statSync(path.join(out, file)).mtimeMs).toBeCloseTo(statSync(path.join(content.dir, file)).mtimeMs, 2);
    }
    expect((await store!.catalog.source({ key: 'en/crlf' }))?.includes('\r\n')).toBe(true);
    expect((await store!.catalog.source({ key: 'en/bom' }))?.startsWith('\uFEFF')).toBe(true);
    // The folder written out syncs into another store as the same site.
    const again = await newPostgresStore('reimport');
    try {
      await syncInto(
        again,
        out,
        storeOptions(() => now),
      );
      expect(await again.catalog.size()).toBe(await store!.catalog.size());
      expect(await again.catalog.authorDescriptions(['mei-chan'])).toEqual(await store!.catalog.authorDescriptions(['mei-chan']));
      expect((await again.catalog.authorDescriptions(['mei-chan']))[0]?.bio).toEqual({ en: 'City desk.', 'zh-CN': '城市版。' });
    } finally {
      await again.close();
    }
  });
});

describe.skipIf(missing)('a folder sync held open (a watching server)', () => {
  it('applies the paths a watcher reports (files, folders moved in and out, files gone), holding the writer lock meanwhile', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01'));
    store = await newPostgresStore('watch');
    const sync = await FolderSync.open(
      store.url,
      store.pool,
      content.dir,
      storeOptions(() => now),
    );
    try {
      await sync.all();
      content.write('en/b.md', dated('B', '2025-02-01'));
      expect(await sync.paths(['en/b.md'])).toMatchObject({ files: 1, read: 1, written: 1, changed: 1 });
      expect(await titles()).toEqual(['B', 'A']);
      expect(await sync.paths(['en/b.md'])).toMatchObject({ read: 1, written: 0, changed: 0 });
      content.write('incoming/en/news/x.md', dated('X', '2025-01-02')).write('incoming/en/news/y.md', dated('Y', '2025-01-03'));
      renameSync(path.join(content.dir, 'incoming/en/news'), path.join(content.dir, 'en/news'));
      expect(await sync.paths(['en/news'])).toMatchObject({ files: 2, written: 2, changed: 2 });
      expect(await titles()).toEqual(['B', 'Y', 'X', 'A']);
      rmSync(path.join(content.dir, 'en/news'), { recursive: true });
      rmSync(path.join(content.dir, 'en/b.md'));
      // Three of four at once: refused, and nothing removed.
      await expect(sync.paths(['en/news', 'en/b.md'])).rejects.toThrow(/remove 3 of the 4 published articles/);
      expect(await titles()).toEqual(['B', 'Y', 'X', 'A']);
      expect(await sync.paths(['en/b.md'])).toMatchObject({ deleted: 1, changed: 1 });
      // Meanwhile another instance's writer waits for the lock.
      let waiting = false;
      const other = PostgresWriter.open(
        store.url,
        storeOptions(() => now),
        () => (waiting = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(waiting).toBe(true);
      await sync.close();
      await (await other).close();
    } finally {
      await sync.close();
    }
  });
});

/** A writer process (tests/helpers/postgresProcess.ts). */
function start(args: string[]): ChildProcess & { log: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/postgresProcess.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  cleanup.push(() => child.kill('SIGKILL'));
  return Object.assign(child, { log: () => log });
}

function until(child: ChildProcess & { log: () => string }, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pattern.test(child.log())) return false;
      resolve();
      return true;
    };
    if (check()) return;
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => setImmediate(() => check() || reject(new Error(`exited with ${code} before ${pattern}:\n${child.log()}`))));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe.skipIf(missing)('the postgres writer across processes', () => {
  it('a sync killed with -9 and run again leaves the store equal to the folder: nothing lost, nothing doubled', async () => {
    content = new TempContent();
    const count = 600;
    for (let i = 0; i < count; i++)
      content.write(`en/batch-${i % 7}/s${i}.md`, dated(`Story ${i}`, `2025-01-01 00:${String(i % 60).padStart(2, '0')}:00`) + `word${i}\n`);
    store = await newPostgresStore('killed');
    const first = start(['sync', store.url, content.dir, '50']);
    await until(first, /\[committed\] 2\b/);
    await killed(first);
    const partial = await store.catalog.size();
    expect(partial).toBeGreaterThanOrEqual(100);
    expect(partial).toBeLessThan(count);
    // Files changed and deleted meanwhile: the second run must see those too.
    content.write('en/batch-0/s0.md', dated('Story 0, edited', '2025-01-01') + 'word0\n');
    rmSync(path.join(content.dir, 'en/batch-1/s1.md'));
    const second = start(['sync', store.url, content.dir, '50']);
    await until(second, /\[done\]/);
    const report = JSON.parse(/\[done\] (.*)/.exec(second.log())![1]!);
    expect(report.files).toBe(count - 1);
    expect(report.read).toBeLessThan(count - partial + 10);

    expect(await store.catalog.size()).toBe(count - 1);
    const { rows } = await store.pool.query<{ path: string; hash: Buffer }>('SELECT path, hash FROM files ORDER BY path');
    expect(rows).toHaveLength(count - 1);
    for (const row of rows)
      expect(
        row.hash.equals(
          createHash('sha256')
            .update(readFileSync(path.join(content.dir, row.path)))
            .digest(),
        ),
        row.path,
      ).toBe(true);
    const lists = await store.pool.query<{ count: number; items: number }>(
      "SELECT l.count, (SELECT count(*)::int8 FROM list_items i WHERE i.list = l.id) AS items FROM lists l WHERE l.kind = 'all'",
    );
    expect(lists.rows).toEqual([{ count: count - 1, items: count - 1 }]);
    expect((await store.pool.query('SELECT count(*)::int8 AS n FROM search')).rows[0]).toEqual({ n: count - 1 });
    expect((await store.catalog.article('en', ['batch-0', 's0']))?.title).toBe('Story 0, edited');
    const notFound: number[] = [];
    for (let i = 2; i < count; i += 37) if ((await store.search.count({ token: `word${i}` })) !== 1) notFound.push(i);
    expect(notFound).toEqual([]);
    expect(await store.catalog.complete()).toBe(true);
  }, 180_000);

  it('a bulk sync killed with -9 leaves the store correct without the indexes it dropped; the next run writes the rest and builds them', async () => {
    content = new TempContent();
    const count = 400;
    for (let i = 0; i < count; i++) content.write(`en/batch-${i % 4}/s${i}.md`, dated(`Story ${i}`, '2025-01-01') + `word${i}\n`);
    store = await newPostgresStore('killed_bulk');
    const deferred = DEFERRED_INDEXES.map((index) => index.name).sort();
    const missingNow = async () =>
      (await missingIndexes(async (text, values) => (await store!.pool.query(text, values)).rows)).map((index) => index.name).sort();
    const first = start(['sync', store.url, content.dir, '50', '100']);
    await until(first, /\[committed\] 2\b/);
    await killed(first);
    expect(await missingNow()).toEqual(deferred);
    const partial = await store.catalog.size();
    expect(partial).toBeGreaterThanOrEqual(100);
    expect(partial).toBeLessThan(count);
    expect(
      await store.search.count({
        token: 'word' + (await store.pool.query<{ path: string }>('SELECT path FROM articles LIMIT 1')).rows[0]!.path.replace(/.*s(\d+)\.md$/, '$1'),
      }),
    ).toBe(1);

    const second = start(['sync', store.url, content.dir, '50', '100']);
    await until(second, /\[done\]/);
    const report = JSON.parse(/\[done\] (.*)/.exec(second.log())![1]!);
    expect(report).toMatchObject({ files: count, written: count - partial });
    expect(report.indexes.built.sort()).toEqual(deferred);
    expect(await missingNow()).toEqual([]);
    expect(await store.catalog.size()).toBe(count);
    expect((await store.pool.query('SELECT count(*)::int8 AS n FROM search')).rows[0]).toEqual({ n: count });
    const notFound: number[] = [];
    for (let i = 0; i < count; i += 23) if ((await store.search.count({ token: `word${i}` })) !== 1) notFound.push(i);
    expect(notFound).toEqual([]);
    expect(await store.search.count({ token: stemOf('story') })).toBe(count);
    expect(await store.catalog.complete()).toBe(true);
  }, 180_000);

  it('lets one writer write at a time; another waits and takes over when the first is killed', async () => {
    const url = await createDatabase(postgresCluster().url, 'lock');
    store = await (await import('@/lib/store/postgres')).openPostgresStore(url, { max: 2 });
    const a = start(['writer', url, 'A']);
    await until(a, /\[writing\] A/);
    const b = start(['writer', url, 'B']);
    await until(b, /\[waiting\] B/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(b.log()).not.toContain('[writing] B');
    const lastWriter = async () => (await store!.pool.query("SELECT value FROM meta WHERE key = 'last_writer'")).rows[0]?.value;
    expect(await lastWriter()).toBe('A');
    await killed(a);
    await until(b, /\[writing\] B/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await lastWriter()).toBe('B');
  }, 120_000);
});
