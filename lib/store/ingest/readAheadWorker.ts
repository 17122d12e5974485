import { parentPort, workerData } from 'node:worker_threads';
import { readFileBytes } from './fileBytes';
import { lowerThreadPriority, READING_NICE } from './threadPriority';

/*
 * The parse pool's reading thread (see ParsePool): reads each batch it is sent into one buffer
 * and hands the buffer back, transferred, not copied. Files it cannot read are left to the
 * parsing thread, which reports them with the file's name.
 */
const { dir } = workerData as { dir: string };
lowerThreadPriority(READING_NICE);

parentPort?.on('message', ({ id, files }: { id: number; files: string[] }) => {
  const read = readFileBytes(dir, files);
  parentPort?.postMessage({ id, read }, [read.bytes]);
});
