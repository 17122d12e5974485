import { parentPort } from 'node:worker_threads';
import { type RenderOptions, renderOnThisThread } from './pipeline';
import { systemThreadId } from './threadCpu';

/*
 * One of the render threads (renderPool.ts): Markdown to HTML, one body at a time, so that a body
 * that takes long holds this thread, which the pool can stop, and never the server's.
 */
parentPort?.on('message', async ({ id, markdown, options }: { id: number; markdown: string; options: RenderOptions }) => {
  try {
    parentPort?.postMessage({ id, ...(await renderOnThisThread(markdown, options)) });
  } catch (error) {
    // Nesting thousands deep overflows the parser's stack: said, and the body is shown as text.
    parentPort?.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
// Its system id, so that the pool can read how much CPU time a body has taken.
parentPort?.postMessage({ ready: true, tid: systemThreadId() });
