import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { type CommitResult, hashText, type ImportLedger, type LedgerEntry, type LedgerWrite } from './ledger';
import { acquireLock } from './ledgerLock';

/*
 * The ledger of one source folder as a file: `.import-ledger/{folder}.json` in the content folder
 * (hidden: the catalog and the watcher skip names that start with a dot), beside the lock that
 * keeps a second import out of the folder while one runs.
 *
 * A commit, and why in this order (the process may be killed between any two steps):
 *   1. each text is written to a temporary dot-file beside its article;
 *   2. the ledger is saved with each write pending (its temporary file and its new entry);
 *   3. each temporary file is renamed over its article, if the article is still as it was;
 *   4. the ledger is saved with the new entries, nothing pending; leftover temporary files go.
 * Killed before 2, the ledger knows nothing new and the temporary files are swept. Killed after 2,
 * the next open settles each pending write by what it finds: the article has the new text (it was
 * renamed); else the temporary file is still there (not renamed: the old entry stands); else it
 * was renamed and someone has since changed or deleted it (the new entry stands, so the change is
 * an editor's and the deletion a takedown). A deletion is never taken for a write not yet made.
 */

interface Pending extends LedgerEntry {
  /** The temporary file, relative to the content folder. */
  temp: string;
}

interface LedgerFile {
  version: 1;
  files: Record<string, LedgerEntry>;
  pending: Record<string, Pending>;
}

/** A temporary article an import wrote: `.1001.en.md.4242.tmp`. */
const TEMPORARY = /^\..+\.md\.\d+\.tmp$/;

export const ledgerDir = (contentDir: string) => path.join(contentDir, '.import-ledger');

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseLedger(text: string | undefined, where: string): LedgerFile {
  if (text === undefined) return { version: 1, files: {}, pending: {} };
  let data: Partial<LedgerFile>;
  try {
    data = JSON.parse(text) as Partial<LedgerFile>;
  } catch (error) {
    throw new Error(
      `the import ledger ${where} is not valid JSON (${(error as Error).message}); restore it from a backup: without it, articles deleted on purpose would be imported again`,
    );
  }
  if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) throw new Error(`the import ledger ${where} is not one this importer wrote`);
  return { version: 1, files: data.files, pending: data.pending ?? {} };
}

/** Temp + fsync + rename: a reader (or the next run after a kill) finds the old ledger or the new one, whole. */
function saveAtomically(target: string, text: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
}

export async function openFileLedger(contentDir: string, folder: string): Promise<ImportLedger> {
  const dir = ledgerDir(contentDir);
  mkdirSync(dir, { recursive: true });
  const where = path.join(dir, `${folder}.json`);
  const lock = acquireLock(path.join(dir, `${folder}.lock`), folder);
  let ledger: LedgerFile;
  try {
    // A ledger save a kill cut short (`desk.json.4242.tmp`): the ledger itself is the old one, whole.
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${folder}.json.`) && /^\d+\.tmp$/.test(name.slice(folder.length + 6))) rmSync(path.join(dir, name), { force: true });
    }
    ledger = parseLedger(readText(where), where);
    if (Object.keys(ledger.pending).length > 0) {
      settlePending(contentDir, ledger);
      saveAtomically(where, JSON.stringify(ledger));
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  const absolute = (file: string) => path.join(contentDir, file);
  const swept = new Set<string>();

  return {
    entry: async (file) => ledger.files[file],
    current: async (file) => readText(absolute(file)),

    async commit(writes): Promise<CommitResult> {
      const result: CommitResult = { failed: [], changedMeanwhile: [] };
      const staged: (LedgerWrite & { temp: string })[] = [];
      for (const write of writes) {
        if (write.text === undefined) {
          ledger.files[write.file] = write.entry;
          continue;
        }
        const target = absolute(write.file);
        const temp = path.join(path.dirname(write.file), `.${path.basename(write.file)}.${process.pid}.tmp`);
        try {
          mkdirSync(path.dirname(target), { recursive: true });
          sweepOnce(path.dirname(target), swept);
          const fd = openSync(absolute(temp), 'w');
          try {
            writeSync(fd, write.text);
          } finally {
            closeSync(fd);
          }
          staged.push({ ...write, temp });
        } catch (error) {
          rmSync(absolute(temp), { force: true });
          result.failed.push({ file: write.file, error: (error as Error).message });
        }
      }
      for (const write of staged) ledger.pending[write.file] = { ...write.entry, temp: write.temp };
      if (writes.length > 0) saveAtomically(where, JSON.stringify(ledger));

      const leftovers: string[] = [];
      for (const write of staged) {
        delete ledger.pending[write.file];
        const target = absolute(write.file);
        try {
          const now = readText(target);
          if ((now === undefined ? undefined : hashText(now)) !== write.before) {
            result.changedMeanwhile.push(write.file);
            leftovers.push(write.temp);
            continue;
          }
          renameSync(absolute(write.temp), target);
          ledger.files[write.file] = write.entry;
        } catch (error) {
          result.failed.push({ file: write.file, error: (error as Error).message });
          leftovers.push(write.temp);
        }
      }
      if (staged.length > 0) saveAtomically(where, JSON.stringify(ledger));
      // Only now: a temporary file still there is how a killed run's next open knows it was not renamed.
      for (const temp of leftovers) rmSync(absolute(temp), { force: true });
      return result;
    },

    async close() {
      lock.release();
    },
  };
}

/** Each pending write of a killed run, settled by what is on disk (see the top of this file). */
function settlePending(contentDir: string, ledger: LedgerFile): void {
  for (const [file, { temp, ...entry }] of Object.entries(ledger.pending)) {
    const now = readText(path.join(contentDir, file));
    const tempThere = existsSync(path.join(contentDir, temp));
    if ((now !== undefined && hashText(now) === entry.text) || !tempThere) ledger.files[file] = entry;
    if (tempThere) rmSync(path.join(contentDir, temp), { force: true });
  }
  ledger.pending = {};
}

/** Temporary articles of a run killed before it recorded them: nobody else writes this folder while the lock is held. */
function sweepOnce(folder: string, swept: Set<string>): void {
  if (swept.has(folder)) return;
  swept.add(folder);
  for (const name of readdirSync(folder)) if (TEMPORARY.test(name)) rmSync(path.join(folder, name), { force: true });
}
