import type { Database } from 'better-sqlite3';
import type { ChangeRecord } from '../types';

/**
 * The catalog's change log from after `seq`, oldest first, as the writer recorded it in each
 * update's own transaction. Undefined when the log no longer reaches back that far (it keeps the
 * last CHANGES_KEPT, and says up to where it forgot in `meta.changes_pruned`): whoever asked has
 * missed changes it cannot name, and refreshes everything.
 */
export function readChangesSince(db: Database, seq: number): ChangeRecord[] | undefined {
  const meta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const pruned = Number(meta.get('changes_pruned')?.value ?? 0);
  if (seq < pruned) return undefined;
  const rows = db.prepare<[number], { seq: number; refresh: string }>('SELECT seq, refresh FROM changes WHERE seq > ? ORDER BY seq').all(seq);
  return rows.map((row) => ({ seq: row.seq, ...JSON.parse(row.refresh) }) as ChangeRecord);
}

/** The number of the catalog's last update, and the catalog's own id (a rebuilt catalog has another). */
export function catalogPosition(db: Database): { id: string; seq: number } {
  const meta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  return { id: meta.get('id')?.value ?? '', seq: Number(meta.get('seq')?.value ?? 0) };
}
