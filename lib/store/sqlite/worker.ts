import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CatalogDriver } from './catalogDriver';
import { CatalogWriter } from './catalogWriter';
import { configure, searchFileOf } from './database';
import type { WorkerInput, WorkerMessage } from './messages';
import { ParsePool } from '@/lib/store/ingest/parsePool';
import { ThreadedSearchWriter } from './searchWriter';

/*
 * The catalog's writer, on a thread of its own: reading, parsing and indexing thousands of files
 * never takes the server's thread from its readers. The server reads the same databases through
 * its own connections (WAL: readers never wait for a writer) and hears here what changed. During
 * a full pass, other threads read and parse files (parsePool.ts) and fill the full-text index
 * (searchWriter.ts) while this one writes the catalog.
 */
const input = workerData as WorkerInput;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
const db = new Database(input.file);
configure(db, 64);
const search = new ThreadedSearchWriter(searchFileOf(input.file), (message) => {
  post({ type: 'error', message });
  driver.searchFailed();
});
const driver = new CatalogDriver(
  new CatalogWriter(db, input.dir, input.options, search, true),
  {
    change: (set, cause, ms, count, seq) => post({ type: 'change', cause, set, count, ms, seq }),
    pass: (progress) => post({ type: 'pass', ...progress }),
    error: (message) => post({ type: 'error', message }),
    info: (message) => post({ type: 'info', message }),
  },
  () => new ParsePool(input.dir, input.options),
);
void driver.start({ watch: input.watch, pollMs: input.pollMs });
