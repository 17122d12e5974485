import { chmodSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { CatalogWriter } from '@/lib/store/sqlite/catalogWriter';
import { ContentIndex } from '@/lib/store/sqlite/contentIndex';
import { initializeCatalog, openCatalog, searchFileOf } from '@/lib/store/sqlite/database';
import { type SearchSink, SearchWriter } from '@/lib/store/sqlite/searchWriter';
import { sortKey } from '@/lib/store/ingest/sortKey';
import { bodyOf } from '@/lib/content/frontMatter';
import { loadCatalog, type TestCatalog } from './helpers/catalog';
import { writerCases } from './helpers/hostileCases';
import { HostileRunner } from './helpers/runHostileCase';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent;
afterEach(() => content?.remove());

const now = Date.parse('2026-01-01T00:00:00Z');
const titles = (c: TestCatalog, lang = 'en') => c.index.articles(lang, 0, 1000).map((a) => a.title);
const problemsOf = (c: TestCatalog) =>
  c.db
    .prepare<[], { path: string; problems: string | null; dup_of: string | null }>(
      'SELECT path, problems, dup_of FROM files WHERE problems IS NOT NULL OR dup_of IS NOT NULL',
    )
    .all();
const dated = (title: string, date: string, extra: Record<string, string> = {}) => corpusShaped({ title: `"${title}"`, date: `"${date}"`, ...extra });

describe('the catalog writer', () => {
  it('adds, edits and deletes single files, saying what changed and who the neighbours are', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01')).write('en/c.md', dated('C', '2025-03-01'));
    const c = await loadCatalog(content.dir, { now: () => now });
    expect(titles(c)).toEqual(['C', 'A']);

    content.write('en/b.md', dated('B', '2025-02-01'));
    let change = c.writer.update(['en/b.md']);
    expect(titles(c)).toEqual(['C', 'B', 'A']);
    expect(change.changes).toEqual([{ key: 'en/b', after: expect.objectContaining({ newer: 'en/c', older: 'en/a' }) }]);
    expect(change.changes[0]?.after?.meta.title).toBe('B');

    content.write('en/b.md', dated('B2', '2025-04-01'));
    change = c.writer.update(['en/b.md']);
    expect(titles(c)).toEqual(['B2', 'C', 'A']);
    expect(change.changes[0]).toMatchObject({
      before: { meta: { title: 'B' }, newer: 'en/c', older: 'en/a' },
      after: { meta: { title: 'B2' }, older: 'en/c' },
    });

    rmSync(path.join(content.dir, 'en/b.md'));
    change = c.writer.update(['en/b.md']);
    expect(titles(c)).toEqual(['C', 'A']);
    expect(change.changes).toEqual([{ key: 'en/b', before: expect.objectContaining({ older: 'en/c' }) }]);
    expect(problemsOf(c)).toEqual([]);
  });

  it('takes a folder moved in or out as all of its files', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01'));
    const c = await loadCatalog(content.dir);
    content.write('incoming/en/news/x.md', dated('X', '2025-01-02')).write('incoming/en/news/y.md', dated('Y', '2025-01-03'));
    renameSync(path.join(content.dir, 'incoming/en/news'), path.join(content.dir, 'en/news'));
    c.writer.update(['en/news']);
    expect(titles(c)).toEqual(['Y', 'X', 'A']);
    rmSync(path.join(content.dir, 'en/news'), { recursive: true });
    c.writer.update(['en/news']);
    expect(titles(c)).toEqual(['A']);
  });

  it('keeps a new file whose YAML is broken out, reports it, and lets it in when fixed', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01'));
    const c = await loadCatalog(content.dir);
    content.write('en/b.md', '---\ntitle: [\n---\n');
    const change = c.writer.update(['en/b.md']);
    expect(titles(c)).toEqual(['A']);
    expect(change.changes).toEqual([]);
    expect(change.problems).toEqual([expect.objectContaining({ severity: 'error', field: 'front matter' })]);
    content.write('en/b.md', dated('B', '2025-01-02'));
    c.writer.update(['en/b.md']);
    expect(titles(c)).toEqual(['B', 'A']);
    expect(problemsOf(c)).toEqual([]);
  });

  it('keeps the last good version of a published file edited into broken YAML live, says so, until it is fixed or deleted', async () => {
    content = new TempContent().write('en/a.md', dated('Ferry timetable', '2025-01-01') + 'The first sailing leaves at six.\n');
    const c = await loadCatalog(content.dir);
    const before = c.index.article('en', ['a'])!;
    // The slip of the issue: an unquoted colon and a stray bracket, body edited too.
    content.write('en/a.md', '---\ntitle: Ferry: new timetable [\ndate: "2025-01-01 00:00:00"\n---\n\nThe first sailing leaves at seven.\n');
    const change = c.writer.update(['en/a.md']);
    expect(change.changes).toEqual([]);
    expect(c.index.article('en', ['a'])).toEqual(before);
    expect(bodyOf(c.index.source(before) ?? '')).toContain('leaves at six');
    expect(change.problems).toEqual([
      expect.objectContaining({ file: 'en/a.md', severity: 'error', field: 'front matter', message: expect.not.stringContaining('left out') }),
      expect.objectContaining({ file: 'en/a.md', severity: 'warning', field: 'file', message: expect.stringContaining('last good version') }),
    ]);
    // Still held after another broken save, and reported where `npm run check` and a restart read problems.
    content.write('en/a.md', '---\ntitle: [\n---\n');
    c.writer.update(['en/a.md']);
    expect(c.index.article('en', ['a'])).toEqual(before);
    expect(problemsOf(c)).toEqual([expect.objectContaining({ path: 'en/a.md', problems: expect.stringContaining('last good version') })]);
    // Search still finds the last good text.
    expect((await c.search.search({ query: 'six', lang: 'en', allLanguages: false, sort: 'date', page: 1, pageSize: 10 })).total).toBe(1);

    content.write('en/a.md', dated('Ferry: new timetable', '2025-01-01') + 'The first sailing leaves at seven.\n');
    const fixed = c.writer.update(['en/a.md']);
    expect(fixed.changes).toHaveLength(1);
    expect(titles(c)).toEqual(['Ferry: new timetable']);
    expect(bodyOf(c.index.source(c.index.article('en', ['a'])!) ?? '')).toContain('leaves at seven');
    expect(problemsOf(c)).toEqual([]);

    content.write('en/a.md', '---\ntitle: [\n---\n');
    c.writer.update(['en/a.md']);
    expect(titles(c)).toEqual(['Ferry: new timetable']);
    rmSync(path.join(content.dir, 'en/a.md'));
    c.writer.update(['en/a.md']);
    expect(titles(c)).toEqual([]);
    expect(problemsOf(c)).toEqual([]);
  });

  it('never unpublishes a live article for a draft or a future-dated file claiming its URL', async () => {
    content = new TempContent().write('en/news/b/index.md', dated('Live', '2025-01-01'));
    const c = await loadCatalog(content.dir, { now: () => now });
    // Each claims /en/news/b too, and sorts before the live file by path, which used to decide.
    content.write('en/news/b.en.md', dated('Draft copy', '2025-01-01', { draft: 'true' }));
    content.write('en/news/b.md', dated('Embargoed copy', '2027-01-01'));
    const change = c.writer.update(['en/news/b.en.md', 'en/news/b.md']);
    expect(titles(c)).toEqual(['Live']);
    expect(change.changes).toEqual([]);
    expect(problemsOf(c)).toEqual([
      expect.objectContaining({ path: 'en/news/b.en.md', dup_of: 'en/news/b/index.md' }),
      expect.objectContaining({ path: 'en/news/b.md', dup_of: 'en/news/b/index.md' }),
    ]);
    // Deleted, the live one leaves, and the draft does not take its place.
    rmSync(path.join(content.dir, 'en/news/b/index.md'));
    c.writer.update(['en/news/b/index.md']);
    expect(titles(c)).toEqual([]);
  });

  it('remembers a taken-down URL as gone (deleted, unpublished, made a draft again) until an article holds it again', async () => {
    content = new TempContent()
      .write('en/a.md', dated('A', '2025-01-01'))
      .write('en/b.md', dated('B', '2025-01-02'))
      .write('en/c.md', dated('C', '2025-01-03'));
    const c = await loadCatalog(content.dir, { now: () => now });
    rmSync(path.join(content.dir, 'en/a.md'));
    content.write('en/b.md', dated('B', '2025-01-02', { unpublish: 'true' }));
    content.write('en/c.md', dated('C', '2025-01-03', { draft: 'true' }));
    const change = c.writer.update(['en/a.md', 'en/b.md', 'en/c.md']);
    expect(change.changes.map((one) => [one.key, Boolean(one.before), Boolean(one.after)])).toEqual([
      ['en/a', true, false],
      ['en/b', true, false],
      ['en/c', true, false],
    ]);
    expect(titles(c)).toEqual([]);
    for (const slug of ['a', 'b', 'c']) expect(c.index.formerly('en', [slug]), slug).toEqual({ gone: true });
    expect(c.index.formerly('en', ['never'])).toBeUndefined();
    content.write('en/b.md', dated('B again', '2025-01-02'));
    c.writer.update(['en/b.md']);
    expect(titles(c)).toEqual(['B again']);
    expect(c.index.formerly('en', ['b'])).toBeUndefined();
  });

  it("redirects an article's old URLs (Hugo's aliases) and a file that says its URL moved", async () => {
    content = new TempContent()
      .write('en/news/new.md', dated('New home', '2025-01-01', { aliases: '["/en/news/old/", "older", "/zh-cn/旧"]' }))
      .write('en/news/moved.md', dated('Moved', '2025-01-02'));
    const c = await loadCatalog(content.dir, { now: () => now });
    expect(c.index.formerly('en', ['news', 'old'])).toEqual({ redirect: '/en/news/new' });
    expect(c.index.formerly('en', ['older'])).toEqual({ redirect: '/en/news/new' });
    expect(c.index.formerly('zh-CN', ['旧'])).toEqual({ redirect: '/en/news/new' });
    // The story moved: its old file now only says where to.
    content.write('en/news/moved.md', dated('Moved', '2025-01-02', { redirect: '"/en/news/new"' }));
    c.writer.update(['en/news/moved.md']);
    expect(titles(c)).toEqual(['New home']);
    expect(c.index.formerly('en', ['news', 'moved'])).toEqual({ redirect: '/en/news/new' });
    // Aliases leave with their article.
    rmSync(path.join(content.dir, 'en/news/new.md'));
    c.writer.update(['en/news/new.md']);
    expect(c.index.formerly('en', ['news', 'old'])).toBeUndefined();
    expect(c.index.formerly('en', ['news', 'new'])).toEqual({ gone: true });
    // A redirect that is neither a path nor an http(s) address is refused, and said.
    content.write('en/news/odd.md', dated('Odd', '2025-01-03', { redirect: '"javascript:alert(1)"' }));
    const odd = c.writer.update(['en/news/odd.md']);
    expect(odd.problems).toEqual([expect.objectContaining({ field: 'redirect', severity: 'warning' })]);
    expect(titles(c)).toEqual(['Odd']);
  });

  it('hides drafts and future articles, except in preview, and says when the next one is due', async () => {
    content = new TempContent()
      .write('en/draft.md', dated('Draft', '2025-01-01', { draft: 'true' }))
      .write('en/future.md', dated('Future', '2026-03-01 08:00:00'))
      .write('en/past.md', dated('Past', '2025-06-01'));
    const live = await loadCatalog(content.dir, { now: () => now });
    expect(titles(live)).toEqual(['Past']);
    expect(live.writer.nextPublication()).toBe(Date.parse('2026-03-01T08:00:00Z'));
    const preview = await loadCatalog(content.dir, { now: () => now, preview: true });
    expect(titles(preview)).toEqual(['Future', 'Past', 'Draft']);
  });

  it('publishes a future article once its time has come', async () => {
    content = new TempContent().write('en/soon.md', dated('Soon', '2026-01-01 00:00:05'));
    let clock = now;
    const c = await loadCatalog(content.dir, { now: () => clock });
    expect(titles(c)).toEqual([]);
    clock += 6000;
    expect(c.writer.publishDue().changes.map((change) => change.after?.meta.title)).toEqual(['Soon']);
    expect(titles(c)).toEqual(['Soon']);
    expect(c.writer.nextPublication()).toBeUndefined();
    expect(c.writer.publishDue().changes).toEqual([]);
  });

  it('resolves a URL clash created by an update, and frees the URL when the first file goes', async () => {
    content = new TempContent().write('en/a.md', dated('First', '2025-01-01'));
    const c = await loadCatalog(content.dir);
    content.write('en/a.en.md', dated('Second', '2025-01-01'));
    c.writer.update(['en/a.en.md']);
    // The first file by path keeps the URL: "en/a.en.md" sorts before "en/a.md".
    expect(titles(c)).toEqual(['Second']);
    expect(problemsOf(c)).toEqual([{ path: 'en/a.md', problems: null, dup_of: 'en/a.en.md' }]);
    rmSync(path.join(content.dir, 'en/a.en.md'));
    const change = c.writer.update(['en/a.en.md']);
    expect(titles(c)).toEqual(['First']);
    expect(change.changes).toEqual([expect.objectContaining({ key: 'en/a', before: expect.anything(), after: expect.anything() })]);
    expect(problemsOf(c)).toEqual([]);
  });

  it('a full pass reads only files changed since the catalog saw them, and removes the ones gone', async () => {
    content = new TempContent()
      .write('en/a.md', dated('A', '2025-01-01'))
      .write('en/old/b.md', dated('B', '2025-02-01'))
      .write('en/broken.md', '---\ntitle: [unclosed\n---\n');
    const c = await loadCatalog(content.dir);
    expect(await c.writer.reconcile()).toEqual({ files: 3, read: 0, unreadable: [] });
    content.write('en/a.md', dated('A, edited', '2025-01-01'), new Date('2026-01-02'));
    rmSync(path.join(content.dir, 'en/old'), { recursive: true });
    expect(await c.writer.reconcile()).toEqual({ files: 2, read: 2, unreadable: [] });
    expect(titles(c)).toEqual(['A, edited']);
    expect(problemsOf(c).map((row) => row.path)).toEqual(['en/broken.md']);
  });

  it('keeps every article when a full pass cannot read the content folder itself (unmounted, gone)', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01')).write('en/news/b.md', dated('B', '2025-02-01'));
    const c = await loadCatalog(content.dir);
    renameSync(content.dir, `${content.dir}-away`);
    try {
      await expect(c.writer.reconcile()).rejects.toThrow(`cannot read the content folder ${content.dir}: ENOENT`);
      expect(titles(c)).toEqual(['B', 'A']);
    } finally {
      renameSync(`${content.dir}-away`, content.dir);
    }
    expect(await c.writer.reconcile()).toEqual({ files: 2, read: 0, unreadable: [] });
  });

  // Root reads every folder, whatever its mode.
  it.skipIf(process.getuid?.() === 0)('keeps the articles of a folder it cannot read, and names it', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01')).write('en/locked/b.md', dated('B', '2025-02-01'));
    content.write('en/locked/deeper/c.md', dated('C', '2025-03-01'));
    const c = await loadCatalog(content.dir);
    chmodSync(path.join(content.dir, 'en/locked'), 0);
    try {
      const pass = await c.writer.reconcile();
      expect(pass.unreadable).toEqual([{ folder: 'en/locked', reason: expect.stringContaining('EACCES') }]);
      expect(titles(c)).toEqual(['C', 'B', 'A']);
    } finally {
      chmodSync(path.join(content.dir, 'en/locked'), 0o755);
    }
  });

  it('says it is complete only once a full pass has read the whole folder', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01'));
    const db = new Database(':memory:');
    const searchDb = new Database(':memory:');
    initializeCatalog(db, searchDb, 'test');
    const index = new ContentIndex(db);
    const writer = new CatalogWriter(
      db,
      content.dir,
      { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false },
      new SearchWriter(searchDb),
    );
    writer.update(['en/a.md']);
    expect(index.complete).toBe(false);
    await writer.reconcile();
    expect(index.complete).toBe(true);
  });

  it('holds a full pass back while the full-text index is behind', async () => {
    content = new TempContent();
    for (let i = 0; i < 2_500; i++) content.write(`en/story-${i}.md`, dated(`Item ${i}`, '2025-01-01'));
    const db = new Database(':memory:');
    const searchDb = new Database(':memory:');
    initializeCatalog(db, searchDb, 'test');
    const index = new SearchWriter(searchDb);
    let written = 0;
    let release = () => {};
    const behind = new Promise<void>((resolve) => (release = resolve));
    let asked = () => {};
    const waiting = new Promise<void>((resolve) => (asked = resolve));
    const slowIndex: SearchSink = {
      write: (batch) => {
        written++;
        index.write(batch);
      },
      progress: () => index.progress(),
      bulk: (on) => index.bulk(on),
      drain: () => index.drain(),
      within: () => {
        asked();
        return behind;
      },
      ids: () => index.ids(),
      close: () => index.close(),
    };
    const writer = new CatalogWriter(db, content.dir, { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false }, slowIndex);
    let done = false;
    const pass = writer.reconcile().then(() => (done = true));
    // However long the first batch takes, the pass then waits for the index, and writes no more.
    await waiting;
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    expect(written).toBe(1);
    release();
    await pass;
    expect(written).toBe(3);
    expect(new ContentIndex(db).count('en')).toBe(2_500);
  });

  it('takes in 10,000 new files in one update', async () => {
    content = new TempContent();
    const c = await loadCatalog(content.dir);
    const files = Array.from({ length: 10_000 }, (_, i) => `en/import/${i}.md`);
    for (const [i, file] of files.entries()) content.write(file, dated(`Item ${i}`, `2025-01-01 00:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00`));
    const change = c.writer.update(files);
    expect(change.changes).toHaveLength(10_000);
    expect(c.index.count('en')).toBe(10_000);
    // 10,000 files written, read and indexed: 24 s seen with every core busy.
  }, 300_000);
});

describe('the catalog as pages read it', () => {
  let c: TestCatalog;
  const build = async () => {
    content = new TempContent()
      .write('en/news/old.md', dated('old', '2025-01-01', { categories: '["Dow Jones Newswires"]', tags: '["a"]' }))
      .write('en/news/new.md', dated('new', '2025-03-01', { categories: '["dow jones newswires"]', tags: '["a", "b", "B"]' }))
      .write('en/news/mid.md', dated('mid', '2025-02-01', { categories: '[]', tags: '["b"]', menu: '"main"' }))
      .write('zh-CN/news/new.md', dated('新', '2025-05-01', { categories: '[]', tags: '["美股"]' }));
    c = await loadCatalog(content.dir);
  };

  it('lists a language newest first, a page at a time, from either end', async () => {
    await build();
    expect(titles(c)).toEqual(['new', 'mid', 'old']);
    expect(c.index.articles('en', 1, 1).map((a) => a.title)).toEqual(['mid']);
    expect(c.index.articles('en', 2, 10).map((a) => a.title)).toEqual(['old']);
    expect(c.index.articles('en', 3, 10)).toEqual([]);
    expect(c.index.articles('zh-HK', 0, 10)).toEqual([]);
    expect([c.index.count('en'), c.index.count('zh-CN'), c.index.size]).toEqual([3, 1, 4]);
  });

  it('finds articles by language and path, and ignoring case', async () => {
    await build();
    expect(c.index.article('en', ['news', 'mid'])?.title).toBe('mid');
    expect(c.index.article('en', ['news', 'missing'])).toBeUndefined();
    expect(c.index.articleIgnoringCase('en', ['NEWS', 'Mid'])?.title).toBe('mid');
    expect(c.index.translation(c.index.article('en', ['news', 'new'])!, 'zh-CN')?.title).toBe('新');
  });

  it('groups terms by their URL key, named as the newest article writes them, with counts', async () => {
    await build();
    const term = c.index.term('en', 'categories', 'dow-jones-newswires');
    expect(term).toEqual({ taxonomy: 'categories', name: 'dow jones newswires', slug: 'dow-jones-newswires', count: 2 });
    expect(c.index.termArticles('en', term!, 0, 10).map((a) => a.title)).toEqual(['new', 'old']);
    expect(c.index.term('zh-CN', 'tags', '美股')?.count).toBe(1);
    expect(c.index.term('en', 'tags', '美股')).toBeUndefined();
    // "b" and "B" on one article count it once.
    expect(c.index.termsOf('en', 'tags').map((t) => [t.name, t.count])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(c.index.topTerms('en', 'tags', 1).map((t) => t.slug)).toEqual(['a']);
  });

  it('forgets a term once its last article leaves it', async () => {
    await build();
    content.write('zh-CN/news/new.md', dated('新', '2025-05-01', { categories: '[]', tags: '["港股"]' }));
    c.writer.update(['zh-CN/news/new.md']);
    expect(c.index.term('zh-CN', 'tags', '美股')).toBeUndefined();
    expect(c.index.termsOf('zh-CN', 'tags').map((t) => t.name)).toEqual(['港股']);
  });

  it('gives newer and older neighbours within the language, and menu articles oldest first', async () => {
    await build();
    const { newer, older } = c.index.neighbours(c.index.article('en', ['news', 'mid'])!);
    expect([newer?.title, older?.title]).toEqual(['new', 'old']);
    expect(c.index.neighbours(c.index.article('zh-CN', ['news', 'new'])!)).toEqual({ newer: undefined, older: undefined });
    expect(c.index.menuArticles('en', 'main').map((a) => a.title)).toEqual(['mid']);
  });

  it('gives sitemap stubs newest first', async () => {
    await build();
    expect(c.index.articleStubs('en', 0, 2).map((s) => s.slug.join('/'))).toEqual(['news/new', 'news/mid']);
  });
});

describe('the catalog file', () => {
  it('orders ids by date, and keeps them exact in JavaScript numbers', () => {
    expect(sortKey(Date.parse('2025-01-01'), 'a')).toBeLessThan(sortKey(Date.parse('2025-01-01T00:00:01Z'), 'a'));
    expect(Number.isSafeInteger(sortKey(Date.parse('2239-01-01'), 'zzz'))).toBe(true);
    expect(sortKey(0, 'a')).not.toBe(sortKey(0, 'b'));
  });

  it('is rebuilt when it was written for other settings, and reused otherwise', () => {
    content = new TempContent();
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const file = path.join(content.dir, '.cache', 'catalog.sqlite');
    const first = openCatalog(identity, file);
    expect(first.created).toBe(true);
    first.db.prepare("INSERT INTO meta (key, value) VALUES ('marker', 'x')").run();
    first.db.close();
    const again = openCatalog(identity, file);
    expect(again.created).toBe(false);
    again.db.close();
    const otherZone = openCatalog({ ...identity, timeZone: 'Asia/Shanghai' }, file);
    expect(otherZone.created).toBe(true);
    expect(otherZone.db.prepare("SELECT value FROM meta WHERE key = 'marker'").get()).toBeUndefined();
    otherZone.db.close();
  });

  it('gives a new full-text index 16 KB pages, its FTS5 leaves sized to fit, and keeps them on reopening', () => {
    content = new TempContent();
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const file = path.join(content.dir, '.cache', 'catalog.sqlite');
    for (const expectCreated of [true, false]) {
      const opened = openCatalog(identity, file);
      expect(opened.created).toBe(expectCreated);
      expect(opened.searchDb.pragma('page_size', { simple: true })).toBe(16_384);
      expect(opened.searchDb.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.searchDb.prepare("SELECT v FROM search_config WHERE k = 'pgsz'").get()).toEqual({ v: 16_000 });
      opened.db.close();
      opened.searchDb.close();
    }
  });

  it('goes to the temporary folder, saying why, when its own folder cannot be written', () => {
    content = new TempContent().write('blocker', 'a file where the cache folder should be');
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const opened = openCatalog(identity, path.join(content.dir, 'blocker', 'catalog.sqlite'));
    expect(opened.degraded).toMatch(/blocker\/catalog\.sqlite cannot be used .*kept in .*broadsheet/);
    expect(opened.file).not.toContain('blocker');
    opened.db.close();
    rmSync(opened.file, { force: true });
  });

  it('serves readers on one connection while the writer updates on another', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01'));
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const file = path.join(content.dir, '.cache', 'catalog.sqlite');
    const reader = openCatalog(identity, file);
    const writerDb = new Database(file);
    const writer = new CatalogWriter(writerDb, content.dir, { ...identity, preview: false }, new SearchWriter(new Database(searchFileOf(file))));
    await writer.reconcile();
    const index = new ContentIndex(reader.db);
    expect(index.articles('en', 0, 10).map((a) => a.title)).toEqual(['A']);
    content.write('en/b.md', dated('B', '2025-02-01'));
    writer.update(['en/b.md']);
    expect(index.articles('en', 0, 10).map((a) => a.title)).toEqual(['B', 'A']);
    writerDb.close();
    reader.db.close();
  });

  it('writes a first pass without waiting for the disk behind a marker, and rebuilds a catalog found with it', async () => {
    content = new TempContent().write('en/a.md', dated('A', '2025-01-01')).write('en/b.md', dated('B', '2025-02-01'));
    const identity = { dir: content.dir, languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false };
    const file = path.join(content.dir, '.cache', 'catalog.sqlite');
    const marker = `${file}.unsynced`;
    const opened = openCatalog(identity, file);
    const searchDb = opened.searchDb;
    const writer = new CatalogWriter(opened.db, content.dir, identity, new SearchWriter(searchDb), true);
    const during: unknown[] = [];
    const duringPass = () => {
      during.push([existsSync(marker), opened.db.pragma('synchronous', { simple: true }), searchDb.pragma('synchronous', { simple: true })]);
    };
    await writer.reconcile(duringPass);
    expect(during).toEqual([[true, 0, 0]]); // OFF on both files while the first pass runs
    expect(existsSync(marker)).toBe(false);
    expect([opened.db.pragma('synchronous', { simple: true }), searchDb.pragma('synchronous', { simple: true })]).toEqual([1, 1]); // NORMAL after

    // A later pass (the catalog is complete) waits for the disk as usual.
    content.write('en/c.md', dated('C', '2025-03-01'));
    during.length = 0;
    await writer.reconcile(duringPass);
    expect(during).toEqual([[false, 1, 1]]);
    opened.db.close();
    searchDb.close();

    const again = openCatalog(identity, file);
    expect(again.created).toBe(false);
    again.db.close();
    again.searchDb.close();
    writeFileSync(marker, 'left by a first pass that did not finish');
    const reopened = openCatalog(identity, file);
    expect(reopened.created).toBe(true);
    expect(existsSync(marker)).toBe(false);
    expect(reopened.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 0 });
    reopened.db.close();
    reopened.searchDb.close();
  });
});

describe('the catalog writer on hostile text', () => {
  const runner = new HostileRunner();
  afterAll(() => runner.stop());

  // On its own thread, stopped at 20 s: it takes milliseconds, and took minutes when a scan of the body was quadratic.
  it('publishes a normal article that arrives after a file of 1 MB of "[", and the file too', async () => {
    const name = 'a file of 1 MB of "[", then a normal article, through the catalog writer';
    const { result } = await runner.run(name, 20_000);
    expect(result).toEqual(writerCases[name].expected);
  }, 120_000);
});
