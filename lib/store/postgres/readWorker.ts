import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions } from '@/lib/content/readArticle';
import { type FileToRead, readFiles } from './readFiles';

/* A sync's helper thread: reads, hashes and parses the batches it is sent (readFiles.ts). */
const { dir, options } = workerData as { dir: string; options: LoadOptions };
parentPort?.on('message', ({ id, files }: { id: number; files: FileToRead[] }) => {
  parentPort?.postMessage({ id, results: readFiles(dir, files, options) });
});
