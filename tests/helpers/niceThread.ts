import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '@/lib/store/ingest/threadPriority';

/* A thread that lowers its own priority and says what its nice value became (tests/threadPriority.test.ts). */
lowerThreadPriority((workerData as { nice: number }).nice);
parentPort?.postMessage(Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ')[16]));
