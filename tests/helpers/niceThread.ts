import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '@/lib/store/ingest/threadPriority';

/* A thread that lowers its own priority by each amount in turn and says what its nice value became (tests/threadPriority.test.ts). */
for (const by of (workerData as { by: number[] }).by) lowerThreadPriority(by);
parentPort?.postMessage(Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ')[16]));
