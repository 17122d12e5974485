import { parentPort, workerData } from 'node:worker_threads';
import { systemThreadId } from '@/lib/rendering/markdown/threadCpu';

/*
 * A render thread for tests/renderThreads.test.ts that does, on demand, what a real one does
 * only on rare bodies: `spin` never finishes, `crash` kills the thread (as running out of memory
 * does). Any other body comes back as one paragraph. With `hideTid`, it does not say its system
 * id, as on a system without /proc.
 */
parentPort?.on('message', ({ id, markdown }: { id: number; markdown: string }) => {
  if (markdown === 'spin') for (;;);
  if (markdown === 'crash') throw new Error('the stand-in thread crashed');
  parentPort?.postMessage({ id, html: `<p>${markdown}</p>`, toc: [] });
});
parentPort?.postMessage({ ready: true, tid: (workerData as { hideTid?: boolean } | undefined)?.hideTid ? undefined : systemThreadId() });
