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
  parentPort?.postMessage({ applied: received, progress: writer.progress() });
};
const writer = new SearchWriter(db, report);
parentPort?.on('message', async (batch: SearchBatch | { bulk: boolean; unsynced: boolean } | { census: true }) => {
  if ('census' in batch) {
    const ids = await writer.ids();
    parentPort?.postMessage({ ids }, [ids.buffer as ArrayBuffer]);
    return;
  }
  received++;
  try {
    if ('bulk' in batch) writer.bulk(batch.bulk, batch.unsynced);
    else writer.write(batch);
  } catch (error) {
    // Said, and the catalog repairs the index from what it has not seen confirmed (catalogWriter.ts).
    parentPort?.postMessage({ error: `search index update failed: ${(error as Error).stack ?? error}`, progress: writer.progress() });
  }
  if (!writer.pending) report();
});
