import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnFromSources } from '@/lib/store/ingest/spawnThread';

const niceOfThisThread = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ')[16]);

describe.runIf(process.platform === 'linux')('thread priority', () => {
  it("lowers the calling thread's priority, and no other thread's", async () => {
    const before = niceOfThisThread();
    const worker = spawnFromSources(new URL('./helpers/niceThread.ts', import.meta.url).href, 'niceThread.ts', { nice: before + 5 });
    const nice = await new Promise<number>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(nice).toBe(before + 5);
    expect(niceOfThisThread()).toBe(before);
  });
});
