import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { languages, siteConfig } from '@/lib/config';
import { formatImportReport } from '@/lib/import/importReport';
import type { FeedItem, SourceItems } from '@/lib/import/feedItem';
import { importItems, type ImportOptions } from '@/lib/import/importItems';
import { ledgerDir } from '@/lib/import/fileLedger';

/*
 * The importer's ledger: an article an editor changed or deleted is never rewritten nor brought
 * back, --update rewrites only what changed upstream and nobody touched, and an import killed at
 * any point loses nothing.
 */

const temporaries: string[] = [];
afterEach(() => {
  for (const dir of temporaries.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `broadsheet-${name}-`));
  temporaries.push(dir);
  return dir;
};

// The site's own settings: the killed runs below are `npm run import`, which uses them.
const options = (contentDir: string, update = false): ImportOptions => ({
  contentDir,
  languages: languages.map((language) => language.code),
  languageMap: siteConfig.importLanguages,
  timeZone: siteConfig.timeZone,
  update,
});

const item = (id: string, text: string, title = `Item ${id}`): FeedItem => ({
  id,
  title,
  description: `<p>${text}</p>`,
  link: `https://desk.example.org/${id}`,
  published: '2026-11-28 08:00:00',
  language: 'en',
});
const fileOf = (id: string) => `en/news/desk/${id}.en.md`;
const read = (dir: string, id: string) => readFileSync(path.join(dir, fileOf(id)), 'utf8');
const edit = (dir: string, id: string, change: (text: string) => string) => writeFileSync(path.join(dir, fileOf(id)), change(read(dir, id)));
const remove = (dir: string, id: string) => rmSync(path.join(dir, fileOf(id)));
const there = (dir: string, id: string) => existsSync(path.join(dir, fileOf(id)));

/** Every file under a folder, hidden ones included, relative. */
const everyFile = (dir: string) =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));

describe('--update and what editors did', () => {
  it('keeps an editor’s correction when nothing changed upstream', async () => {
    const content = tempDir('ledger');
    const source: SourceItems = { folder: 'desk', items: [item('1', 'First text.'), item('2', 'Second text.')] };
    expect(await importItems(source, options(content))).toMatchObject({ written: 2 });
    edit(content, '1', (text) => text.replace('title: "Item 1"', 'title: "Item 1, corrected"'));
    const report = await importItems(source, options(content, true));
    expect(report).toMatchObject({ written: 0, updated: 0, skipped: { unchanged: 2 }, conflicts: [] });
    expect(read(content, '1')).toContain('title: "Item 1, corrected"');
  });

  it('rewrites what changed upstream and nobody touched; reports, once, what changed upstream and here too', async () => {
    const content = tempDir('ledger');
    const source: SourceItems = { folder: 'desk', items: [item('1', 'First text.'), item('2', 'Second text.'), item('3', 'Third text.')] };
    await importItems(source, options(content));
    edit(content, '2', (text) => text.replace('Second text.', 'Second text, checked by the desk.'));
    source.items[0] = item('1', 'First text, updated upstream.');
    source.items[1] = item('2', 'Second text, updated upstream.');

    const report = await importItems(source, options(content, true));
    expect(report).toMatchObject({ written: 0, updated: 1, skipped: { unchanged: 1 }, failed: 0 });
    expect(report.conflicts).toEqual([{ file: fileOf('2'), why: expect.stringMatching(/changed here since it was imported, and its item changed upstream/) }]);
    expect(formatImportReport('desk', report)).toMatch(
      /^desk: 3 read, 0 written, 1 updated, 1 skipped \(1 unchanged\), 1 conflict, 0 failed\n {2}conflict: en\/news\/desk\/2\.en\.md: changed here/,
    );
    expect(read(content, '1')).toContain('First text, updated upstream.');
    expect(read(content, '2')).toContain('Second text, checked by the desk.');
    expect(read(content, '2')).not.toContain('updated upstream');

    // Reported once: the next run counts it, and leaves it alone again.
    expect(await importItems(source, options(content, true))).toMatchObject({ updated: 0, conflicts: [], skipped: { unchanged: 2, edited: 1 } });
    expect(read(content, '2')).toContain('Second text, checked by the desk.');
    // A further change upstream is a new conflict.
    source.items[1] = item('2', 'Second text, updated upstream again.');
    expect((await importItems(source, options(content, true))).conflicts.map((conflict) => conflict.file)).toEqual([fileOf('2')]);
  });

  it('never brings back an article deleted after it was imported (a takedown), with --update or without', async () => {
    const content = tempDir('ledger');
    const source: SourceItems = { folder: 'desk', items: [item('1', 'First text.'), item('2', 'Second text.')] };
    await importItems(source, options(content));
    remove(content, '1');
    expect(await importItems(source, options(content))).toMatchObject({ written: 0, skipped: { deleted: 1, exists: 1 } });
    expect(there(content, '1')).toBe(false);
    source.items[0] = item('1', 'First text, changed upstream after the takedown.');
    expect(await importItems(source, options(content, true))).toMatchObject({ written: 0, updated: 0, skipped: { deleted: 1, unchanged: 1 } });
    expect(there(content, '1')).toBe(false);
    // The ledger is a hidden file the site does not publish.
    expect(everyFile(content).filter((file) => !file.startsWith('en/'))).toEqual(['.import-ledger/desk.json']);
  });

  it('judges files written before the ledger by what it would write now: the same is unchanged, anything else a conflict', async () => {
    const content = tempDir('ledger');
    const source: SourceItems = { folder: 'desk', items: [item('1', 'First text.'), item('2', 'Second text.'), item('3', 'Third text.')] };
    await importItems(source, options(content));
    rmSync(ledgerDir(content), { recursive: true });
    edit(content, '2', (text) => text.replace('Second text.', 'Second text, edited.'));
    source.items[2] = item('3', 'Third text, changed upstream.');

    const report = await importItems(source, options(content, true));
    expect(report).toMatchObject({ updated: 0, skipped: { unchanged: 1 } });
    expect(report.conflicts.map((conflict) => conflict.file).sort()).toEqual([fileOf('2'), fileOf('3')]);
    expect(report.conflicts[0]!.why).toMatch(/before the importer kept a ledger/);
    expect(read(content, '2')).toContain('Second text, edited.');
    expect(read(content, '3')).toContain('Third text.');
    // Now in the ledger: deleting one is a takedown.
    remove(content, '1');
    remove(content, '2');
    expect(await importItems(source, options(content, true))).toMatchObject({ written: 0, skipped: { deleted: 2 } });
    expect(there(content, '1') || there(content, '2')).toBe(false);
  });

  it('adopts files written before the ledger on a run without --update too, so a later deletion is a takedown', async () => {
    const content = tempDir('ledger');
    const source: SourceItems = { folder: 'desk', items: [item('1', 'First text.')] };
    await importItems(source, options(content));
    rmSync(ledgerDir(content), { recursive: true });
    expect(await importItems(source, options(content))).toMatchObject({ written: 0, skipped: { exists: 1 } });
    remove(content, '1');
    expect(await importItems(source, options(content))).toMatchObject({ written: 0, skipped: { deleted: 1 } });
  });

  it('refuses a source folder another import is writing, and fails on a ledger it cannot read rather than guess', async () => {
    const content = tempDir('ledger');
    const source: SourceItems = { folder: 'desk', items: [item('1', 'First text.')] };
    await importItems(source, options(content));
    // A live process holds the lock (this test's parent).
    writeFileSync(path.join(ledgerDir(content), 'desk.lock'), String(process.ppid));
    await expect(importItems(source, options(content))).rejects.toThrow(/another import \(process \d+\) is writing desk/);
    // One whose process is gone is taken over.
    writeFileSync(path.join(ledgerDir(content), 'desk.lock'), '999999999');
    remove(content, '1');
    expect(await importItems(source, options(content))).toMatchObject({ skipped: { deleted: 1 } });
    writeFileSync(path.join(ledgerDir(content), 'desk.json'), '{"version": 1, "files": {');
    await expect(importItems(source, options(content))).rejects.toThrow(/import ledger .*desk\.json is not valid JSON/);
    expect(there(content, '1')).toBe(false);
  });
});

describe('an import killed at any point', () => {
  /*
   * The run under test is `npm run import -- … --update`, killed with SIGKILL before its first,
   * second, … change to the content folder, until a run finishes. What each kill left is then
   * taken on twice: as it is, and after an editor deleted the new article and edited the updated
   * one, whatever state they were in. Nothing an editor did may be undone, and every upstream
   * change nobody touched must land.
   */
  const run = promisify(execFile);
  const v1 = [item('kept', 'Kept.'), item('fixed', 'Fixed, v1.'), item('edited', 'Edited, v1.'), item('taken', 'Taken, v1.')];
  const v2 = [item('kept', 'Kept.'), item('fixed', 'Fixed, v2.'), item('edited', 'Edited, v2.'), item('taken', 'Taken, v2.'), item('fresh', 'Fresh, v2.')];
  const asUpstream = (items: FeedItem[]) =>
    JSON.stringify({
      data: items.map(({ id, title, description, link, published, language }) => ({ id, title, description, link, pub_date: published, language, kind: 1 })),
    });

  /** The next run, and what must hold after it whatever the kill left. */
  async function nextRun(content: string, label: string) {
    const next = await importItems({ folder: 'desk', items: v2 }, options(content, true));
    expect(next.failed, label).toBe(0);
    expect(read(content, 'kept'), label).toContain('Kept.');
    expect(read(content, 'edited'), label).toContain('Edited by the desk.');
    expect(read(content, 'edited'), label).not.toContain('v2');
    expect(there(content, 'taken'), label).toBe(false);
    // Nothing left over: no temporary file, no lock, nothing pending.
    expect(
      everyFile(content).filter((file) => file.startsWith('.') || file.includes('/.')),
      label,
    ).toEqual(['.import-ledger/desk.json']);
    expect(JSON.parse(readFileSync(path.join(ledgerDir(content), 'desk.json'), 'utf8')).pending, label).toEqual({});
    // And a run after that has nothing left to do.
    expect(await importItems({ folder: 'desk', items: v2 }, options(content, true)), label).toMatchObject({ written: 0, updated: 0, conflicts: [] });
  }

  it('loses nothing an editor did, and lands every upstream change nobody touched', async () => {
    const work = tempDir('killed');
    const template = path.join(work, 'template');
    await importItems({ folder: 'desk', items: v1 }, options(template));
    edit(template, 'edited', (text) => text.replace('Edited, v1.', 'Edited by the desk.'));
    remove(template, 'taken');
    mkdirSync(path.join(work, 'upstream/desk'), { recursive: true });
    writeFileSync(path.join(work, 'upstream/desk/list.json'), asUpstream(v2));

    let finished = false;
    let kills = 0;
    for (let at = 1; !finished; at++) {
      const content = path.join(work, `content-${at}`);
      cpSync(template, content, { recursive: true });
      try {
        await run(
          process.execPath,
          [
            '--import',
            'tsx',
            '--import',
            './tests/helpers/killAtWrite.mjs',
            'scripts/import.ts',
            path.join(work, 'upstream/desk/list.json'),
            '--content',
            content,
            '--update',
          ],
          { env: { ...process.env, KILL_ROOT: content, KILL_AT: String(at) } },
        );
        finished = true;
      } catch (error) {
        expect((error as { signal?: string }).signal, `run ${at}: ${(error as { stderr?: string }).stderr}`).toBe('SIGKILL');
        kills++;
      }
      const label = `killed before change ${at}${finished ? ' (not killed)' : ''}`;
      const untouched = `${content}-untouched`;
      cpSync(content, untouched, { recursive: true });

      // As the kill left it: the new item and the upstream change land.
      await nextRun(untouched, `${label}, untouched`);
      expect(read(untouched, 'fixed'), label).toContain('Fixed, v2.');
      expect(read(untouched, 'fresh'), label).toContain('Fresh, v2.');

      // An editor meanwhile takes down the new article if it is there, and adds a note to the updated one.
      const takenDown = there(content, 'fresh');
      if (takenDown) remove(content, 'fresh');
      edit(content, 'fixed', (text) => `${text}\nEditor’s note ${at}.\n`);
      await nextRun(content, `${label}, edited`);
      expect(read(content, 'fixed'), label).toContain(`Editor’s note ${at}.`);
      expect(there(content, 'fresh'), label).toBe(!takenDown);
      if (!takenDown) expect(read(content, 'fresh'), label).toContain('Fresh, v2.');
      rmSync(content, { recursive: true });
      rmSync(untouched, { recursive: true });
    }
    // Each change of the run was a place to be killed at: the lock, temporary files, ledger saves, renames.
    expect(kills).toBeGreaterThan(10);
  }, 300_000);
});
