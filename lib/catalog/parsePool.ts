import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadOptions } from '@/lib/content/readArticle';
import type { BatchParser } from './catalogWriter';
import type { ParsedFile } from './parsedFile';
import { fromSources, spawnFromSources } from './spawnThread';

/**
 * Threads that read and parse files for the catalog writer during a full pass, so that reading
 * a large archive for the first time uses every core: the writer's thread only writes. One
 * thread per core beyond the writer's own, and at least two (a single one left a core idle a
 * third of the time at a million files). Ended once the pass is done.
 *
 * One more thread reads each batch's files as the batch is handed out, and throws them away: a
 * parsing thread takes the batch only once it is done with the one before, and finds its files
 * in the system's cache. A file not in the cache takes about 90 µs to read here, half of it
 * waiting on the disk, and a parsing thread that waits holds up the writers behind it. A first
 * start at a million files with an empty file cache took 417 s without it, about 300 s with it.
 */
export class ParsePool implements BatchParser {
  private readonly workers: Worker[];
  private readonly reader: Worker;
  private next = 0;
  private sequence = 0;
  private readonly waiting = new Map<number, { resolve: (results: ParsedFile[]) => void; reject: (error: Error) => void }>();

  /** `search`: work out search tokens too (a check needs none). */
  constructor(dir: string, options: LoadOptions, size = Math.max(2, availableParallelism() - 1), search = true) {
    this.reader = fromSources()
      ? spawnFromSources(import.meta.url, 'readAheadWorker.ts', { dir })
      : new Worker(new URL('./readAheadWorker.ts', import.meta.url), { workerData: { dir } });
    // Without it the pass is slower, not wrong: said once, and the files are read as parsed.
    this.reader.once('error', (error) => console.warn(`[content] reading ahead stopped (${error.message}); files are read as they are parsed`));
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

  /** Batches worth reading ahead of the writer: one per thread, and one more that the read-ahead thread is on. */
  get ahead(): number {
    return this.workers.length + 1;
  }

  /** Parses a batch on the next thread in turn. */
  readonly parse = (files: readonly string[]): Promise<ParsedFile[]> => {
    const id = ++this.sequence;
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    this.reader.postMessage(files);
    return new Promise<ParsedFile[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, files });
    });
  };

  async close(): Promise<void> {
    await Promise.all([...this.workers, this.reader].map((worker) => worker.terminate()));
  }
}
