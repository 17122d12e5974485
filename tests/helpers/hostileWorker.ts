import { parentPort } from 'node:worker_threads';
import { allCases, type HostileCaseName } from './hostileCases';

/* Runs hostile cases (hostileCases.ts) one at a time, as asked: says it is loaded, then what each gave and how long it took. */
parentPort?.on('message', async (name: HostileCaseName) => {
  const started = performance.now();
  const result: unknown = await allCases[name].run();
  parentPort?.postMessage({ result, ms: performance.now() - started });
});
parentPort?.postMessage({ ready: true });
