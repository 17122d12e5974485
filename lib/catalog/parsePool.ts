import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadOptions } from '@/lib/content/readArticle';
import type { BatchParser } from './catalogWriter';
import type { ParsedFile } from './parsedFile';
import { fromSources, spawnFromSources } from './spawnThread';

/**
 * Threads that read and parse files for the catalog writer during a full pass, so that reading
 * a large archive for the first time uses every core: the writer's thread only writes. One
 * thread per core beyond the writer's own, and at least two: at a million files, reads wait on
 * the disk, and a single reading thread left a core idle a third of the time (a first start on
 * 2 cores took 375 s with one, 269 s with two). Ended once the pass is done.
 */
export class ParsePool implements BatchParser {
  private readonly workers: Worker[];
  private next = 0;
  private sequence = 0;
  private readonly waiting = new Map<number, { resolve: (results: ParsedFile[]) => void; reject: (error: Error) => void }>();

  /** `search`: work out search tokens too (a check needs none). */
  constructor(dir: string, options: LoadOptions, size = Math.max(2, availableParallelism() - 1), search = true) {
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

  /** Batches worth reading ahead of the writer: one per thread. */
  get ahead(): number {
    return this.workers.length;
  }

  /** Parses a batch on the next thread in turn. */
  readonly parse = (files: readonly string[]): Promise<ParsedFile[]> => {
    const id = ++this.sequence;
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    return new Promise<ParsedFile[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, files });
    });
  };

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
