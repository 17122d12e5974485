import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CatalogDriver } from './catalogDriver';
import { CatalogWriter } from './catalogWriter';
import { configure } from './database';
import type { WorkerInput, WorkerMessage } from './messages';

/*
 * The catalog's writer, on a thread of its own: reading, parsing and indexing thousands of files
 * never takes the server's thread from its readers. The server reads the same database through
 * its own connection (WAL: readers never wait for this writer) and hears here what changed.
 */
const input = workerData as WorkerInput;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
const db = new Database(input.file);
configure(db, 64);
const driver = new CatalogDriver(new CatalogWriter(db, input.dir, input.options), {
  change: (set, cause, ms, count) => post({ type: 'change', cause, set, count, ms }),
  pass: (progress) => post({ type: 'pass', ...progress }),
  error: (message) => post({ type: 'error', message }),
});
void driver.start({ watch: input.watch, created: input.created });
