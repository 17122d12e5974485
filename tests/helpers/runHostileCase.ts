import type { Worker } from 'node:worker_threads';
import { spawnFromSources } from '@/lib/store/ingest/spawnThread';
import type { HostileCaseName } from './hostileCases';

type Reply = { ready: true } | { result: unknown; ms: number };

/**
 * Runs hostile cases on a thread of their own, one at a time, each from its start to its end or
 * the deadline, where the thread is stopped (the next case gets a new one) and the promise
 * rejects: a guard by work done, as linear code finishes a megabyte in milliseconds and
 * quadratic code takes minutes or hours. The thread is loaded once: loading takes seconds.
 */
export class HostileRunner {
  private worker?: Promise<Worker>;

  private loaded(): Promise<Worker> {
    this.worker ??= new Promise((resolve, reject) => {
      const worker = spawnFromSources(new URL('./hostileWorker.ts', import.meta.url).href, 'hostileWorker.ts', undefined);
      worker.once('message', () => resolve(worker));
      worker.once('error', reject);
    });
    return this.worker;
  }

  async run(name: HostileCaseName, deadlineMs: number): Promise<{ result: unknown; ms: number }> {
    const worker = await this.loaded();
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (reply: Reply) => {
        if ('ready' in reply) return;
        settle();
        resolve(reply);
      };
      const onError = (error: Error) => {
        settle();
        this.stop();
        reject(error);
      };
      const timer = setTimeout(() => {
        settle();
        this.stop();
        reject(new Error(`"${name}" did not finish within ${deadlineMs / 1000} s`));
      }, deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(name);
    });
  }

  stop(): void {
    void this.worker?.then((worker) => worker.terminate());
    this.worker = undefined;
  }
}
