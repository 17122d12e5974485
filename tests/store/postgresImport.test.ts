import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedItem, SourceItems } from '@/lib/import/feedItem';
import { importItems, type ImportOptions } from '@/lib/import/importItems';
import { exportFolder, type PostgresStore } from '@/lib/store/postgres';
import { openStoreLedger } from '@/lib/store/postgres/importLedger';
import { WriterBusy } from '@/lib/store/postgres/lock';
import { PostgresWriter } from '@/lib/store/postgres/writer';
import type { ChangeSet } from '@/lib/store/ingest/changeSet';
import { corpusShaped, TempContent } from '../helpers/tempContent';
import { newPostgresStore, postgresCluster, storeOptions, syncInto } from '../helpers/postgresStore';

/*
 * `npm run import` with DATABASE_URL set: the articles and the importer's ledger go into the
 * PostgreSQL store (lib/store/postgres/importLedger.ts), a sync of the content folder never takes
 * them for deletions, `npm run export` writes them out as the file importer would have written
 * them, and the ledger's promises (an editor's change kept, a takedown never undone) hold.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { missing } = postgresCluster();
const now = Date.parse('2026-12-01T00:00:00Z');

const temporaries: (() => void)[] = [];
let store: PostgresStore | undefined;
afterEach(async () => {
  for (const step of temporaries.splice(0)) step();
  await store?.close();
  store = undefined;
});
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `broadsheet-${name}-`));
  temporaries.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const content = () => {
  const folder = new TempContent();
  temporaries.push(() => folder.remove());
  return folder;
};

const item = (id: string, text: string, title = `Item ${id}`): FeedItem => ({
  id,
  title,
  description: `<p>${text}</p>`,
  link: `https://desk.example.org/${id}`,
  published: '2026-11-28 08:00:00',
  language: 'en',
});
const source = (...items: FeedItem[]): SourceItems => ({ folder: 'desk', items });
const fileOf = (id: string) => `en/news/desk/${id}.en.md`;

const options = (contentDir: string, changes: ChangeSet[] = [], update = false): ImportOptions => ({
  contentDir,
  languages: ['en', 'zh-CN', 'zh-HK'],
  languageMap: {},
  timeZone: 'UTC',
  update,
  now,
  openLedger: (folder) => openStoreLedger(store!.url, folder, { ...storeOptions(() => now), onCommitted: (set) => changes.push(set) }),
});
/** The same import into files, as without DATABASE_URL. */
const intoFiles = (contentDir: string): ImportOptions => ({ ...options(contentDir), openLedger: undefined });

const origins = async () =>
  Object.fromEntries(
    (await store!.pool.query<{ path: string; origin: string }>('SELECT path, origin FROM files ORDER BY path')).rows.map((row) => [row.path, row.origin]),
  );
const title = async (id: string) => (await store!.catalog.article('en', ['news', 'desk', id]))?.title;

describe.skipIf(missing)('npm run import into the PostgreSQL store', () => {
  it('publishes into the store with no file, writes nothing twice, and exports byte for byte what the file importer writes', async () => {
    store = await newPostgresStore('import');
    const empty = tempDir('no-content');
    const changes: ChangeSet[] = [];
    const first = await importItems(source(item('1', 'First text.'), item('2', 'Second text.')), options(empty, changes));
    expect(first).toMatchObject({ written: 2, failed: 0 });
    expect(await title('1')).toBe('Item 1');
    expect(await origins()).toEqual({ [fileOf('1')]: 'import', [fileOf('2')]: 'import' });
    // What the cron route refreshes: both articles, as one change.
    expect(changes.flatMap((set) => set.changes.map((change) => change.key)).sort()).toEqual(['en/news/desk/1', 'en/news/desk/2']);
    // Nothing was written to a folder.
    expect(readdirSync(empty)).toEqual([]);

    const again = await importItems(source(item('1', 'First text.'), item('2', 'Second text.')), options(empty, changes));
    expect(again).toMatchObject({ written: 0, skipped: { exists: 2 } });
    expect(changes).toHaveLength(1);

    const exported = tempDir('export');
    await exportFolder(store.pool, exported);
    const files = tempDir('files');
    await importItems(source(item('1', 'First text.'), item('2', 'Second text.')), intoFiles(files));
    for (const id of ['1', '2']) expect(readFileSync(path.join(exported, fileOf(id)))).toEqual(readFileSync(path.join(files, fileOf(id))));
  });

  it('is not undone by a sync of a folder that lacks its articles; a folder that holds one takes it over, deletion included', async () => {
    store = await newPostgresStore('import-sync');
    const folder = content().write('en/desk.md', corpusShaped({ title: '"Desk notes"' }));
    await syncInto(
      store,
      folder.dir,
      storeOptions(() => now),
    );
    await importItems(source(item('1', 'First text.'), item('2', 'Second text.')), options(folder.dir));

    const report = await syncInto(
      store,
      folder.dir,
      storeOptions(() => now),
    );
    expect(report.deleted).toBe(0);
    expect(await title('1')).toBe('Item 1');
    expect(await title('2')).toBe('Item 2');

    // The operator exports article 1 into the folder: it is the folder's file from then on…
    const exported = tempDir('export');
    await exportFolder(store.pool, exported);
    folder.write(fileOf('1'), readFileSync(path.join(exported, fileOf('1')), 'utf8'));
    await syncInto(
      store,
      folder.dir,
      storeOptions(() => now),
    );
    expect((await origins())[fileOf('1')]).toBe('folder');
    // …so removing it from the folder takes it down (and the importer does not bring it back); article 2 stays.
    rmSync(path.join(folder.dir, fileOf('1')));
    expect(
      (
        await syncInto(
          store,
          folder.dir,
          storeOptions(() => now),
        )
      ).deleted,
    ).toBe(1);
    expect(await title('1')).toBeUndefined();
    const later = await importItems(source(item('1', 'First text, revised.'), item('2', 'Second text.')), options(folder.dir, [], true));
    expect(later.skipped).toMatchObject({ deleted: 1, unchanged: 1 });
    expect(await title('1')).toBeUndefined();
    expect(await title('2')).toBe('Item 2');
  });

  it('with --update rewrites what changed upstream and nobody touched, and keeps an editor’s change', async () => {
    store = await newPostgresStore('import-update');
    const folder = content();
    await importItems(source(item('1', 'First text.'), item('2', 'Second text.')), options(folder.dir));
    // An editor corrects article 2 through the folder (exported, edited, synced).
    const exported = tempDir('export');
    await exportFolder(store.pool, exported);
    folder.write(fileOf('2'), readFileSync(path.join(exported, fileOf('2')), 'utf8').replace('title: "Item 2"', 'title: "Item 2, corrected"'));
    await syncInto(
      store,
      folder.dir,
      storeOptions(() => now),
    );
    expect(await title('2')).toBe('Item 2, corrected');

    const report = await importItems(
      source(item('1', 'First text, revised.', 'Item 1 revised'), item('2', 'Second text, revised.')),
      options(folder.dir, [], true),
    );
    expect(report.updated).toBe(1);
    expect(report.conflicts).toEqual([expect.objectContaining({ file: fileOf('2') })]);
    expect(await title('1')).toBe('Item 1 revised');
    expect(await title('2')).toBe('Item 2, corrected');
  });

  it('waits a bounded time for another writer (a server following its folder holds the lock), then says why', async () => {
    store = await newPostgresStore('import-busy');
    const holder = await PostgresWriter.open(
      store.url,
      storeOptions(() => now),
    );
    try {
      let told = false;
      const opening = openStoreLedger(store.url, 'desk', { ...storeOptions(() => now), waitMs: 300, onWaiting: () => (told = true) });
      await expect(opening).rejects.toThrow(WriterBusy);
      expect(told).toBe(true);
    } finally {
      await holder.close();
    }
    // Once the lock is free, the import goes through.
    const ledger = await openStoreLedger(store.url, 'desk', { ...storeOptions(() => now), waitMs: 300 });
    await ledger.close();
  });
});
