import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnFromSources } from '@/lib/store/ingest/spawnThread';

const niceOfThisThread = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ')[16]);

/** The nice value a new thread ends with after lowering its priority by each of `by` in turn. */
async function niceAfter(by: number[]): Promise<number> {
  const worker = spawnFromSources(new URL('./helpers/niceThread.ts', import.meta.url).href, 'niceThread.ts', { by });
  const result = await new Promise<number>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  return result;
}

describe.runIf(process.platform === 'linux')('thread priority', () => {
  it("lowers the calling thread's priority, and no other thread's", async () => {
    const before = niceOfThisThread();
    expect(await niceAfter([5])).toBe(Math.min(19, before + 5));
    expect(niceOfThisThread()).toBe(before);
  });

  it('lowers it from where the thread is: below a server started under nice, never above it', async () => {
    const before = niceOfThisThread();
    expect(await niceAfter([3, 5])).toBe(Math.min(19, before + 8));
  });
});
