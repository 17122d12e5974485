import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadOptions } from '@/lib/content/readArticle';
import type { BatchParser } from '@/lib/store/sqlite/catalogWriter';
import type { FileBytes } from './fileBytes';
import type { ParsedFile } from './parsedFile';
import { fromSources, spawnFromSources } from './spawnThread';

/**
 * Threads that read and parse files for the catalog writer during a full pass, so that reading
 * a large archive for the first time uses every core: the writer's thread only writes. One
 * thread per core beyond the writer's own, and at least two (a single one left a core idle a
 * third of the time at a million files). Ended once the pass is done.
 *
 * One more thread reads each batch's files into one buffer as the batch is handed out, and the
 * buffer goes on, transferred, to the parsing thread whose turn it is. Reading is mostly waiting
 * on the disk (a file not in the system's cache took about 90 µs here, half of it waiting), and a
 * parsing thread that waits holds up the writers behind it. A first start at a million files with
 * an empty file cache took 417 s with no such thread, about 300 s when it only warmed the cache
 * for the parsing threads to read the files again. Read once, the files cost those threads 161 s
 * of CPU at a million files instead of 226 s.
 */
export class ParsePool implements BatchParser {
  private readonly workers: Worker[];
  private readonly reader: Worker;
  private readerFailed = false;
  private next = 0;
  private sequence = 0;
  private readonly waiting = new Map<number, { resolve: (results: ParsedFile[]) => void; reject: (error: Error) => void }>();
  /** Batches the reading thread is on, and the parsing thread each goes to next. */
  private readonly reading = new Map<number, { files: readonly string[]; worker: Worker }>();

  /** `search`: work out search tokens too (a check needs none). */
  constructor(dir: string, options: LoadOptions, size = Math.max(2, availableParallelism() - 1), search = true) {
    this.reader = fromSources()
      ? spawnFromSources(import.meta.url, 'readAheadWorker.ts', { dir })
      : new Worker(new URL('./readAheadWorker.ts', import.meta.url), { workerData: { dir } });
    this.reader.on('message', ({ id, read }: { id: number; read: FileBytes }) => {
      const batch = this.reading.get(id);
      this.reading.delete(id);
      batch?.worker.postMessage({ id, files: batch.files, read }, [read.bytes]);
    });
    // Without it the pass is slower, not wrong: said once, and the parsing threads read the files.
    this.reader.once('error', (error) => {
      console.warn(`[content] the reading thread stopped (${error.message}); files are read as they are parsed`);
      this.readerFailed = true;
      for (const [id, { files, worker }] of this.reading) worker.postMessage({ id, files });
      this.reading.clear();
    });
    this.workers = Array.from({ length: size }, () => {
      const worker = fromSources()
        ? spawnFromSources(import.meta.url, 'parseWorker.ts', { dir, options, search })
        : new Worker(new URL('./parseWorker.ts', import.meta.url), { workerData: { dir, options, search } });
      worker.on('message', ({ id, results }: { id: number; results: ParsedFile[] }) => {
        this.waiting.get(id)?.resolve(results);
        this.waiting.delete(id);
      });
      worker.on('error', (error) => {
        for (const pending of this.waiting.values()) pending.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  /** Batches worth reading ahead of the writer: one per parsing thread, and one more for the reading thread. */
  get ahead(): number {
    return this.workers.length + 1;
  }

  /** Parses a batch on the next thread in turn, once the reading thread has read it. */
  readonly parse = (files: readonly string[]): Promise<ParsedFile[]> => {
    const id = ++this.sequence;
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    return new Promise<ParsedFile[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.readerFailed) {
        worker.postMessage({ id, files });
      } else {
        this.reading.set(id, { files, worker });
        this.reader.postMessage({ id, files });
      }
    });
  };

  async close(): Promise<void> {
    await Promise.all([...this.workers, this.reader].map((worker) => worker.terminate()));
  }
}
