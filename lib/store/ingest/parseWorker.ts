import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions } from '@/lib/content/readArticle';
import { type FileBytes, fileTexts } from './fileBytes';
import { parseFile } from './parsedFile';
import { lowerThreadPriority, READING_NICE } from './threadPriority';

/*
 * One of the catalog writer's helpers: parses and tokenizes the files it is sent, from the bytes
 * the reading thread read (`read`, see fileBytes.ts), or reading them itself when that thread could not.
 */
const { dir, options, search } = workerData as { dir: string; options: LoadOptions; search: boolean };
lowerThreadPriority(READING_NICE);
parentPort?.on('message', ({ id, files, read }: { id: number; files: string[]; read?: FileBytes }) => {
  const textAt = read && fileTexts(read);
  const results = files.map((file, i) => parseFile(dir, file, options, search, textAt?.(i)));
  // Each article's source is a view into the batch's buffer: handed on to the writer, not copied.
  parentPort?.postMessage({ id, results }, read ? [read.bytes] : []);
});
