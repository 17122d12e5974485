import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configure } from './database';
import { type SearchBatch, SearchWriter } from './searchWriter';

/* The full-text index's writer, on a thread of its own (see ThreadedSearchWriter). */
const db = new Database((workerData as { file: string }).file);
configure(db, 16);
let received = 0;
let reported = 0;
// Batches count as applied once committed: during a full pass several share a transaction,
// committed by size, by a timer or at the pass's end.
const report = () => {
  if (reported === received) return;
  reported = received;
  parentPort?.postMessage({ applied: received });
};
const writer = new SearchWriter(db, report);
parentPort?.on('message', (batch: SearchBatch | { bulk: boolean; unsynced: boolean }) => {
  received++;
  try {
    if ('bulk' in batch) writer.bulk(batch.bulk, batch.unsynced);
    else writer.write(batch);
  } catch (error) {
    parentPort?.postMessage({ error: `search index update failed: ${(error as Error).stack ?? error}` });
  }
  if (!writer.pending) report();
});
