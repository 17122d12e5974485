import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParsePool } from '@/lib/store/ingest/parsePool';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent;
let pool: ParsePool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  content?.remove();
});

const options = { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC' };

describe('the parse pool', () => {
  it('reads batches on its threads, in order, through files gone or unreadable', async () => {
    content = new TempContent();
    const files = Array.from({ length: 300 }, (_, i) => `en/${i}.md`);
    for (const [i, file] of files.entries()) content.write(file, corpusShaped({ title: `"Item ${i}"`, date: '"2025-01-01"' }));
    // A folder named like a file, and a file listed but gone: the read-ahead thread meets them first.
    mkdirSync(path.join(content.dir, 'en/folder.md'));
    pool = new ParsePool(content.dir, options, 2);
    const batches = [files.slice(0, 150), ['en/folder.md', 'en/gone.md', ...files.slice(150)]];
    const [first, second] = await Promise.all(batches.map((batch) => pool!.parse(batch)));
    expect(first!.map((result) => result.article?.title)).toEqual(files.slice(0, 150).map((_, i) => `Item ${i}`));
    expect(first![0]!.search?.title).toBeTruthy();
    expect(second![0]!.problems[0]).toMatchObject({ severity: 'error', field: 'file' });
    expect(second![1]).toEqual({ problems: [] });
    expect(second!.slice(2).map((result) => result.article?.title)).toEqual(files.slice(150).map((_, i) => `Item ${150 + i}`));
  });

  it('parses on when its reading thread fails, each thread reading its own files', async () => {
    content = new TempContent();
    const files = Array.from({ length: 40 }, (_, i) => `en/${i}.md`);
    for (const [i, file] of files.entries()) content.write(file, corpusShaped({ title: `"Item ${i}"`, date: '"2025-01-01"' }));
    pool = new ParsePool(content.dir, options, 2);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const inFlight = pool.parse(files.slice(0, 20));
    (pool as unknown as { reader: Worker }).reader.emit('error', new Error('out of memory'));
    const after = pool.parse(files.slice(20));
    expect((await inFlight).map((result) => result.article?.title)).toEqual(files.slice(0, 20).map((_, i) => `Item ${i}`));
    expect((await after).map((result) => result.article?.title)).toEqual(files.slice(20).map((_, i) => `Item ${20 + i}`));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the reading thread stopped (out of memory)'));
    warn.mockRestore();
  });
});
