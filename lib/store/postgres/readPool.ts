import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fromSources, spawnFromSources } from '@/lib/store/ingest/spawnThread';
import type { LoadOptions } from '@/lib/content/readArticle';
import { type FileToRead, type ReadResult, readFiles } from './readFiles';

/** Reads batches of files for a sync: on threads (one per core beyond the writer's, at least one), or on this thread when `threads` is 0. */
export class ReadPool {
  private readonly workers: Worker[];
  private next = 0;
  private sequence = 0;
  private readonly waiting = new Map<number, { resolve: (results: ReadResult[]) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly dir: string,
    private readonly options: LoadOptions,
    threads = Math.max(1, availableParallelism() - 1),
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = fromSources()
        ? spawnFromSources(import.meta.url, 'readWorker.ts', { dir, options })
        : new Worker(new URL('./readWorker.ts', import.meta.url), { workerData: { dir, options } });
      worker.on('message', ({ id, results }: { id: number; results: ReadResult[] }) => {
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

  /** Batches worth reading ahead of the writer. */
  get ahead(): number {
    return Math.max(1, this.workers.length + 1);
  }

  read(files: readonly FileToRead[]): Promise<ReadResult[]> {
    if (this.workers.length === 0) return Promise.resolve(readFiles(this.dir, files, this.options));
    const id = ++this.sequence;
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, files });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
