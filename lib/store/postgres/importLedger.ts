import type { CommitResult, ImportLedger, LedgerEntry, LedgerWrite } from '@/lib/import/ledger';
import { hashText } from '@/lib/import/ledger';
import { parseFile } from '@/lib/store/ingest/parsedFile';
import { type ChangeSet, DETAILED_CHANGES, type FileRead, PostgresWriter, type WriterOptions } from './writer';

export interface StoreLedgerOptions extends WriterOptions {
  /** Told once when another instance holds the writer lock and the import waits for it. */
  onWaiting?: () => void;
  /** How long to wait for the writer lock before giving up (WriterBusy); unbounded when absent. */
  waitMs?: number;
  /** Told of each commit's changes (the articles published, changed or removed): the caller refreshes their pages. */
  onCommitted?: (set: ChangeSet) => void;
}

const sql = {
  entries: 'SELECT file, upstream, text_hash, conflict FROM import_ledger WHERE folder = $1',
  current: 'SELECT s.bytes FROM files f JOIN sources s ON s.hash = f.hash WHERE f.path = $1',
  record: `INSERT INTO import_ledger (file, folder, upstream, text_hash, conflict)
     SELECT x.file, $1, x.upstream, x.text_hash, x.conflict FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(file, upstream, text_hash, conflict)
     ON CONFLICT (file) DO UPDATE SET folder = excluded.folder, upstream = excluded.upstream, text_hash = excluded.text_hash, conflict = excluded.conflict`,
} as const;

/**
 * The importer's ledger kept in the PostgreSQL store (import_ledger, schema.ts migration 3), for
 * `npm run import` with DATABASE_URL set: the articles go straight into the store, as files of
 * origin `import` that no folder holds, so a scheduled job publishes with no commit and no
 * redeploy, and `npm run export` writes them out like any other. An article's text and its
 * ledger entry are written in one transaction: whenever the import is killed, the store has both
 * or neither, so an editor's change is never taken for the importer's, nor a deletion (a takedown)
 * for an article never written. The writer lock is held from open to close: no sync or other
 * import writes meanwhile, and the article read when deciding is the one the commit replaces
 * (checked again in the transaction all the same).
 */
export async function openStoreLedger(url: string, folder: string, options: StoreLedgerOptions): Promise<ImportLedger> {
  const writer = await PostgresWriter.open(url, options, options.onWaiting, options.waitMs);
  const entries = new Map<string, LedgerEntry>();
  try {
    for (const row of await writer.query<{ file: string; upstream: string | null; text_hash: string | null; conflict: string | null }>(sql.entries, [folder])) {
      const entry: LedgerEntry = {};
      if (row.upstream !== null) entry.upstream = row.upstream;
      if (row.text_hash !== null) entry.text = row.text_hash;
      if (row.conflict !== null) entry.conflict = row.conflict;
      entries.set(row.file, entry);
    }
  } catch (error) {
    await writer.close();
    throw error;
  }
  const current = async (file: string): Promise<string | undefined> => (await writer.query<{ bytes: Buffer }>(sql.current, [file]))[0]?.bytes.toString('utf8');

  return {
    entry: async (file) => entries.get(file),
    current,

    async commit(writes: readonly LedgerWrite[]): Promise<CommitResult> {
      const result: CommitResult = { failed: [], changedMeanwhile: [] };
      if (writes.length === 0) return result;
      const now = (options.now ?? Date.now)();
      const set = await writer.transaction(async () => {
        const recorded: LedgerWrite[] = [];
        const read: FileRead[] = [];
        for (const write of writes) {
          if (write.text !== undefined) {
            const text = await current(write.file);
            if ((text === undefined ? undefined : hashText(text)) !== write.before) {
              result.changedMeanwhile.push(write.file);
              continue;
            }
            const bytes = Buffer.from(write.text, 'utf8');
            const stats = { mtimeMs: now, size: bytes.byteLength };
            read.push({ path: write.file, parsed: parseFile('', write.file, options, true, { text: write.text, bytes, stats }), bytes });
          }
          recorded.push(write);
        }
        const changes = read.length > 0 ? await writer.applyWithin({ read, origin: 'import' }, DETAILED_CHANGES) : undefined;
        const column = (pick: (entry: LedgerEntry) => string | undefined) => recorded.map((write) => pick(write.entry) ?? null);
        await writer.query(sql.record, [
          folder,
          recorded.map((write) => write.file),
          column((entry) => entry.upstream),
          column((entry) => entry.text),
          column((entry) => entry.conflict),
        ]);
        return { changes, recorded };
      });
      for (const write of set.recorded) entries.set(write.file, write.entry);
      if (set.changes && set.changes.changes.length > 0) options.onCommitted?.(set.changes);
      return result;
    },

    close: () => writer.close(),
  };
}
