import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileTexts, readFileBytes } from '@/lib/store/ingest/fileBytes';
import { TempContent } from './helpers/tempContent';

let content: TempContent;
afterEach(() => content?.remove());

describe('reading a batch of files into one buffer', () => {
  it('gives each file its text, bytes and stats as fs would, and nothing for what cannot be read', () => {
    content = new TempContent();
    const large = `---\ntitle: 大\n---\n${'新聞報道，'.repeat(400_000)}`; // about 6 MB: past the first buffer
    content.write('en/a.md', '\uFEFF---\ntitle: "Café — 咖啡"\n---\r\nBody\r\n');
    content.write('en/empty.md', '');
    content.write('en/large.md', large);
    mkdirSync(path.join(content.dir, 'en/folder.md'));
    const files = ['en/a.md', 'en/gone.md', 'en/empty.md', 'en/folder.md', 'en/large.md'];
    const textAt = fileTexts(readFileBytes(content.dir, files));
    for (const [i, file] of files.entries()) {
      const full = path.join(content.dir, file);
      const readable = ['en/a.md', 'en/empty.md', 'en/large.md'].includes(file);
      if (!readable) {
        expect(textAt(i), file).toBeUndefined();
        continue;
      }
      const { mtimeMs, size } = statSync(full);
      const { bytes, ...rest } = textAt(i)!;
      expect(rest, file).toEqual({ text: readFileSync(full, 'utf8'), stats: { mtimeMs, size } });
      expect(Buffer.from(bytes).equals(readFileSync(full)), file).toBe(true);
    }
    expect(textAt(4)!.text).toBe(large);
  });
});
