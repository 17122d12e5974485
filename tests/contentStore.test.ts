import { rmSync, renameSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentStore } from '@/lib/content/contentStore';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent;
afterEach(() => content?.remove());

const now = Date.parse('2026-01-01T00:00:00Z');
function store(preview = false) {
  return new ContentStore(content.dir, { languages: ['en', 'zh-CN'], defaultLanguage: 'en', timeZone: 'UTC', preview, now: () => now });
}
const titles = (s: ContentStore) => s.index.articles('en').map((a) => a.title);

describe('ContentStore', () => {
  it('adds, edits and deletes single files without reading the rest', async () => {
    content = new TempContent().write('en/a.md', corpusShaped({ title: '"A"', date: '"2025-01-01"' }));
    const s = store();
    await s.loadAll();
    expect(titles(s)).toEqual(['A']);

    content.write('en/b.md', corpusShaped({ title: '"B"', date: '"2025-02-01"' }));
    let change = await s.update(['en/b.md']);
    expect(titles(s)).toEqual(['B', 'A']);
    expect(change.before).toEqual([]);
    expect(change.after.map((a) => a.title)).toEqual(['B']);

    content.write('en/b.md', corpusShaped({ title: '"B2"', date: '"2025-02-01"' }));
    change = await s.update(['en/b.md']);
    expect(titles(s)).toEqual(['B2', 'A']);
    expect([change.before[0]?.title, change.after[0]?.title]).toEqual(['B', 'B2']);

    rmSync(path.join(content.dir, 'en/b.md'));
    change = await s.update(['en/b.md']);
    expect(titles(s)).toEqual(['A']);
    expect(change.after).toEqual([]);
    expect(s.problems()).toEqual([]);
  });

  it('takes a folder moved in or out as all of its files', async () => {
    content = new TempContent().write('en/a.md', corpusShaped({ title: '"A"' }));
    const s = store();
    await s.loadAll();
    content.write('incoming/en/news/x.md', corpusShaped({ title: '"X"' })).write('incoming/en/news/y.md', corpusShaped({ title: '"Y"' }));
    renameSync(path.join(content.dir, 'incoming/en/news'), path.join(content.dir, 'en/news'));
    await s.update(['en/news']);
    expect(titles(s).sort()).toEqual(['A', 'X', 'Y']);
    rmSync(path.join(content.dir, 'en/news'), { recursive: true });
    await s.update(['en/news']);
    expect(titles(s)).toEqual(['A']);
  });

  it('keeps a file whose YAML breaks out, reports it, and lets it back in when fixed', async () => {
    content = new TempContent().write('en/a.md', corpusShaped({ title: '"A"' }));
    const s = store();
    await s.loadAll();
    content.write('en/a.md', '---\ntitle: [\n---\n');
    const change = await s.update(['en/a.md']);
    expect(titles(s)).toEqual([]);
    expect(change.problems).toEqual([expect.objectContaining({ severity: 'error', field: 'front matter' })]);
    content.write('en/a.md', corpusShaped({ title: '"A again"' }));
    await s.update(['en/a.md']);
    expect(titles(s)).toEqual(['A again']);
    expect(s.problems()).toEqual([]);
  });

  it('hides drafts and future articles, except in preview, and says when the next one is due', async () => {
    content = new TempContent()
      .write('en/draft.md', corpusShaped({ title: '"Draft"', date: '"2025-01-01"', draft: 'true' }))
      .write('en/future.md', corpusShaped({ title: '"Future"', date: '"2026-03-01 08:00:00"' }))
      .write('en/past.md', corpusShaped({ title: '"Past"', date: '"2025-06-01"' }));
    const live = store();
    await live.loadAll();
    expect(titles(live)).toEqual(['Past']);
    expect(live.nextPublication).toBe(Date.parse('2026-03-01T08:00:00Z'));

    const preview = store(true);
    await preview.loadAll();
    expect(titles(preview)).toEqual(['Future', 'Past', 'Draft']);
  });

  it('publishes a future article when refreshed after its time', async () => {
    content = new TempContent().write('en/soon.md', corpusShaped({ title: '"Soon"', date: '"2026-01-01 00:00:05"' }));
    let clock = now;
    const s = new ContentStore(content.dir, { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false, now: () => clock });
    await s.loadAll();
    expect(titles(s)).toEqual([]);
    clock += 6000;
    expect(s.refresh().after.map((a) => a.title)).toEqual(['Soon']);
    expect(titles(s)).toEqual(['Soon']);
    expect(s.nextPublication).toBeUndefined();
  });

  it('resolves a URL clash created by an update, and frees the URL when the first file goes', async () => {
    content = new TempContent().write('en/a.md', corpusShaped({ title: '"First"' }));
    const s = store();
    await s.loadAll();
    content.write('en/a.en.md', corpusShaped({ title: '"Second"' }));
    await s.update(['en/a.en.md']);
    expect(titles(s)).toEqual(['Second']);
    expect(s.problems()).toEqual([expect.objectContaining({ file: 'en/a.md', field: 'path', severity: 'error' })]);
    rmSync(path.join(content.dir, 'en/a.en.md'));
    await s.update(['en/a.en.md']);
    expect(titles(s)).toEqual(['First']);
    expect(s.problems()).toEqual([]);
  });

  it('takes in 10,000 new files in one update', async () => {
    content = new TempContent();
    const s = store();
    await s.loadAll();
    const files = Array.from({ length: 10_000 }, (_, i) => `en/import/${i}.md`);
    for (const [i, file] of files.entries()) content.write(file, corpusShaped({ title: `"Item ${i}"`, date: `"2025-01-01 00:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00"` }));
    const started = performance.now();
    const change = await s.update(files);
    expect(change.after).toHaveLength(10_000);
    expect(s.index.articles('en')).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);
});

describe('ContentStore snapshot', () => {
  it('re-reads only files changed since the snapshot, and sees what changed', async () => {
    content = new TempContent()
      .write('en/a.md', corpusShaped({ title: '"A"', date: '"2025-01-01"' }))
      .write('en/b.md', corpusShaped({ title: '"B"', date: '"2025-02-01"' }))
      .write('en/broken.md', '---\ntitle: [unclosed\n---\n');
    const snapshotFile = path.join(content.dir, '.cache', 'snapshot.json');
    const options = { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC', preview: false, now: () => now, snapshotFile };
    const first = new ContentStore(content.dir, options);
    await first.loadAll();
    expect(first.reusedFromSnapshot).toBe(0);

    const second = new ContentStore(content.dir, options);
    await second.loadAll();
    expect(second.reusedFromSnapshot).toBe(3);
    expect(titles(second)).toEqual(['B', 'A']);
    expect(second.problems().map((p) => p.file)).toEqual(['en/broken.md']);

    content.write('en/a.md', corpusShaped({ title: '"A, edited"', date: '"2025-01-01"' }), new Date('2026-01-02'));
    rmSync(path.join(content.dir, 'en/b.md'));
    const third = new ContentStore(content.dir, options);
    await third.loadAll();
    expect(third.reusedFromSnapshot).toBe(1);
    expect(titles(third)).toEqual(['A, edited']);
  });
});
