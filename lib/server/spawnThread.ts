import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Threads are started with `new Worker(new URL('./x.ts', import.meta.url))` written out where they
 * are needed, the form Turbopack compiles into the server's bundle. Run from the TypeScript
 * sources instead (npm run check, tests, benchmarks under tsx), a thread must register tsx
 * before it loads its module: these say when, and do it. Next.js sets NEXT_RUNTIME in what it
 * compiles (its bundles keep import.meta.url naming the source file, so that cannot tell).
 */
export function fromSources(): boolean {
  return process.env.NEXT_RUNTIME === undefined;
}

/** A thread running `file`, a module beside `moduleUrl`, loaded through tsx (with `options` besides its data). */
export function spawnFromSources(moduleUrl: string, file: string, workerData: unknown, options: WorkerOptions = {}): Worker {
  const entry = moduleUrl.replace(/[^/]+$/, file);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, workerData });
}
