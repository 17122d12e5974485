import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchContent } from '@/lib/content/watchContent';
import { TempContent } from './helpers/tempContent';

let content: TempContent;
let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  content?.remove();
});

/** Starts watching and returns a function that waits for the next batch. */
function watchBatches(dir: string) {
  const batches: (string[] | undefined)[] = [];
  let wake: (() => void) | undefined;
  const watcher = watchContent(
    dir,
    (paths) => {
      batches.push(paths);
      wake?.();
    },
    { quietMs: 100, maxWaitMs: 500 },
  );
  close = () => watcher.close();
  // A change is reported within a second; the bound only catches one never reported.
  return async (timeoutMs = 60_000): Promise<string[] | undefined> => {
    if (batches.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change reported')), timeoutMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return batches.shift();
  };
}

describe('watchContent', () => {
  it('reports saved Markdown files in one batch, and ignores other files', async () => {
    content = new TempContent();
    mkdirSync(path.join(content.dir, 'en'));
    const next = watchBatches(content.dir);
    writeFileSync(path.join(content.dir, 'en/a.md'), 'a');
    writeFileSync(path.join(content.dir, 'en/b.md'), 'b');
    writeFileSync(path.join(content.dir, 'en/notes.txt'), 'not content');
    writeFileSync(path.join(content.dir, 'en/a.md'), 'a again');
    expect((await next())?.sort()).toEqual(['en/a.md', 'en/b.md']);
  });

  it('reports a folder moved in by its name', async () => {
    content = new TempContent().write('staging/x.md', 'x');
    mkdirSync(path.join(content.dir, 'en'));
    const next = watchBatches(path.join(content.dir, 'en'));
    renameSync(path.join(content.dir, 'staging'), path.join(content.dir, 'en/news'));
    expect(await next()).toContain('news');
  });
});
