import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configure } from './database';
import { type SearchBatch, SearchWriter, setBulkCache } from './searchWriter';

/* The full-text index's writer, on a thread of its own (see ThreadedSearchWriter). */
const db = new Database((workerData as { file: string }).file);
configure(db, 16);
const writer = new SearchWriter(db);
let applied = 0;
parentPort?.on('message', (batch: SearchBatch | { bulk: boolean }) => {
  try {
    if ('bulk' in batch) setBulkCache(db, batch.bulk);
    else writer.write(batch);
  } catch (error) {
    parentPort?.postMessage({ error: `search index update failed: ${(error as Error).stack ?? error}` });
  }
  parentPort?.postMessage({ applied: ++applied });
});
