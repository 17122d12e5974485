import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions } from '@/lib/content/readArticle';
import { parseFile } from './parsedFile';
import { lowerThreadPriority, READING_NICE } from './threadPriority';

/* One of the catalog writer's helpers: reads, parses and tokenizes the files it is sent. */
const { dir, options, search } = workerData as { dir: string; options: LoadOptions; search: boolean };
lowerThreadPriority(READING_NICE);
parentPort?.on('message', ({ id, files }: { id: number; files: string[] }) => {
  parentPort?.postMessage({ id, results: files.map((file) => parseFile(dir, file, options, search)) });
});
