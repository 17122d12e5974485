import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder } from '@/lib/store/sqlite/checkFolder';
import { safeName } from '@/lib/import/articleFile';
import { importItems, type ImportOptions } from '@/lib/import/importItems';
import { loadSource, resolveSources } from '@/lib/import/sources';
import { summarize } from '@/lib/import/summary';
import { renderMarkdown, renderThreadsLoaded } from '@/lib/rendering/markdown/render';
import { CORPUS_FIELDS } from './helpers/corpusFields';

const fixtures = path.resolve('tests/fixtures/import');
const languages = ['en', 'zh-CN', 'zh-HK'];
let content: string;
afterEach(() => content && rmSync(content, { recursive: true, force: true }));

const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
  contentDir: content,
  languages,
  languageMap: { 'en-US': 'en', 'zh-TW': 'zh-HK' },
  timeZone: 'Asia/Shanghai',
  update: false,
  ...extra,
});

/** Every file under the content folder, relative, sorted (the site's articles: hidden ones too if asked). */
function written(dir = content, hidden = false): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => hidden || !file.split('/').some((segment) => segment.startsWith('.')))
    .sort();
}

async function importPath(location: string, extra: Partial<ImportOptions> = {}, named?: string) {
  const reports = [];
  for (const ref of resolveSources(location, named)) {
    try {
      reports.push({ label: ref.label, ...(await importItems(await loadSource(ref), options(extra))) });
    } catch (error) {
      reports.push({ label: ref.label, unreadable: (error as Error).message });
    }
  }
  return reports;
}

const frontMatterOf = (file: string) =>
  yaml.load(
    readFileSync(path.join(content, file), 'utf8')
      .split('\n---\n')[0]!
      .replace(/^---\n/, ''),
    { schema: yaml.CORE_SCHEMA },
  ) as Record<string, unknown>;
const bodyOf = (file: string) => readFileSync(path.join(content, file), 'utf8').split('\n---\n')[1]!;

describe('importing the upstream JSON', () => {
  it('writes each news item once, in the corpus shape, and counts every item it skips by reason', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    const reports = await importPath(path.join(fixtures, 'upstream'));
    const harbour = reports.find((r) => r.label.endsWith('harbourwire/list.json'));
    expect(harbour).toMatchObject({
      read: 13,
      written: 5,
      updated: 0,
      failed: 0,
      skipped: { exists: 1, 'not news': 1, 'no language': 2, language: 1, 'no date': 1, 'no title': 1, 'no text': 1 },
    });
    expect(reports.find((r) => r.label.endsWith('marketdesk/broken.json'))).toMatchObject({ unreadable: expect.stringMatching(/not valid JSON/) });
    expect(reports.find((r) => r.label.endsWith('marketdesk/live.json'))).toMatchObject({ written: 2 });
    const files = written();
    expect(files).toEqual(
      expect.arrayContaining([
        'en/news/harbourwire/1001.en.md',
        'en/news/harbourwire/A-1002.en.md',
        'en/news/harbourwire/escape.en.md',
        'zh-CN/news/marketdesk/20261128A01.zh-CN.md',
        'zh-HK/news/marketdesk/20261128A02.zh-HK.md',
      ]),
    );
    // An item without an id is named by the MD5 of its title and date.
    expect(files.some((file) => /^en\/news\/harbourwire\/[0-9a-f]{32}\.en\.md$/.test(file))).toBe(true);
    // No temporary file is left behind.
    expect(written(content, true).filter((file) => /\.tmp$/.test(file))).toEqual([]);

    const meta = frontMatterOf('en/news/harbourwire/1001.en.md');
    expect(Object.keys(meta)).toEqual([...CORPUS_FIELDS]);
    expect(meta).toMatchObject({
      title: 'Harbour berth opens early',
      date: '2026-11-28 08:15:00',
      categories: ['Harbour Wire'],
      lang: ['en'],
      translations: ['en'],
      tags: ['Harbour Wire'],
      menu: '',
      thumbnail: 'https://img.example.org/berth.jpg',
      comments: false,
      pager: true,
      sidebar: 'right',
      widgets: ['search', 'recent', 'taglist'],
    });
    expect(bodyOf('en/news/harbourwire/1001.en.md').trim().split('\n').at(-1)).toBe('[Harbour Wire](https://harbourwire.example.org/news/1001)');
  });

  it('passes npm run check with no error and no warning', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    await importPath(path.join(fixtures, 'upstream'));
    await importPath(path.join(fixtures, 'feeds/rss.xml'), {}, 'coastal');
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-check-'));
    const result = await checkFolder({ dir: content, languages, defaultLanguage: 'en', timeZone: 'Asia/Shanghai', preview: false }, cacheDir);
    rmSync(cacheDir, { recursive: true, force: true });
    expect(result.problems).toEqual([]);
    expect(result.articles).toBe(result.files);
    // The ledger beside them is no article and no problem.
    expect(written(content, true)).toContain('.import-ledger/harbourwire.json');
    // A check starts a parse pool of threads: seconds on a loaded machine, so a bound for a stuck one only.
  }, 60_000);

  it('writes any title through YAML, and keeps scripts, styles, frames, handlers and trackers out of bodies', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    await importPath(path.join(fixtures, 'upstream/harbourwire/list.json'));
    expect(frontMatterOf('en/news/harbourwire/A-1002.en.md').title).toBe('Ferry fares "frozen" for 2027: a relief, says #council - \\ back\\slash');
    expect(frontMatterOf('en/news/harbourwire/escape.en.md').title).toBe('- A title that starts with a dash');
    const multiLine = written().find((file) => file.startsWith('en/news/harbourwire/xxxxx'))!;
    expect(frontMatterOf(multiLine).title).toBe('Line one line two');
    const body = bodyOf('en/news/harbourwire/A-1002.en.md');
    expect(body).toContain('Fares stay as they are.');
    expect(body).toContain('Click-free text.');
    expect(body).not.toMatch(/script|alert|style|color:red|iframe|evil|onclick|steal|pixel\.gif/);
    // A thumbnail that is no URL is left empty, as the corpus leaves it.
    expect(frontMatterOf('en/news/harbourwire/A-1002.en.md').thumbnail).toBe('');
    const broken = bodyOf('en/news/harbourwire/escape.en.md');
    expect(broken).toContain("broken & entities 'quoted'");
    expect(broken).toContain('[good link](https://ok.example.org/x)');
    expect(broken).not.toContain('javascript:');
  });

  it('keeps every file inside its folder, and names at most 100 characters long', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    await importPath(path.join(fixtures, 'upstream/harbourwire/list.json'));
    for (const file of written()) expect(file.startsWith('en/news/harbourwire/'), file).toBe(true);
    expect(safeName('../../x')).toBe('x');
    expect(safeName('a/b\\c d')).toBe('a-b-c-d');
    expect(safeName('x'.repeat(500)).length).toBeLessThanOrEqual(100);
    expect(safeName('x'.repeat(500))).not.toBe(safeName(`${'x'.repeat(499)}y`));
    expect(safeName('...')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('files languages through the map, and summarizes as the corpus does', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    await importPath(path.join(fixtures, 'upstream/marketdesk/live.json'));
    expect(frontMatterOf('zh-HK/news/marketdesk/20261128A02.zh-HK.md')).toMatchObject({ lang: ['zh-HK'], summary: '新泊位將於三月啟用。' });
    expect(String(frontMatterOf('zh-CN/news/marketdesk/20261128A01.zh-CN.md').summary)).toBe(
      '港务局周一表示，新的集装箱泊位将于三月启用，比原计划提前两个月。...',
    );
    expect(summarize('A short one.')).toBe('A short one.');
    const long = `${'First sentence here. '}${'More words follow in a long text. '.repeat(10)}`;
    expect(summarize(long)).toBe('First sentence here....');
  });

  it('writes nothing the second time, and with --update rewrites only what changed upstream', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    const source = {
      folder: 'desk',
      items: [
        { id: '1', title: 'One', description: '<p>First text.</p>', link: 'https://x.example/1', published: '2026-11-28 08:00:00', language: 'en' },
        { id: '2', title: 'Two', description: '<p>Text.</p>', link: 'https://x.example/2', published: '2026-11-28 08:00:00', language: 'en' },
      ],
    };
    expect(await importItems(source, options())).toMatchObject({ written: 2 });
    expect(await importItems(source, options())).toMatchObject({ written: 0, updated: 0, skipped: { exists: 2 } });
    source.items[0]!.description = '<p>Corrected text.</p>';
    expect(await importItems(source, options())).toMatchObject({ written: 0, updated: 0, skipped: { exists: 2 } });
    expect(await importItems(source, options({ update: true }))).toMatchObject({ written: 0, updated: 1, skipped: { unchanged: 1 } });
    expect(bodyOf('en/news/desk/1.en.md')).toContain('Corrected text.');
  });
});

describe('importing feeds over HTTP', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const file = { '/rss.xml': 'rss.xml', '/atom.xml': 'atom.xml', '/feed.json': 'feed.json', '/upstream/list.json': '../upstream/harbourwire/list.json' }[
        request.url ?? ''
      ];
      if (!file) {
        response.writeHead(500).end('upstream is down');
        return;
      }
      response
        .writeHead(200, { 'content-type': file.endsWith('json') ? 'application/json' : 'application/xml' })
        .end(readFileSync(path.join(fixtures, 'feeds', file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  // Bodies render on threads that load once (seconds under tsx); no test's own time counts it.
  beforeAll(() => renderThreadsLoaded(), 120_000);

  it('reads RSS 2.0, Atom and JSON Feed, ids from guid or link, languages from the feed', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    const [rss] = await importPath(`${base}/rss.xml`, {}, 'coastal');
    expect(rss).toMatchObject({ read: 2, written: 2 });
    const rssFiles = written().filter((file) => file.startsWith('en/news/coastal/'));
    expect(rssFiles).toContain('en/news/coastal/coastal-2026-11-28-storm.en.md');
    expect(frontMatterOf('en/news/coastal/coastal-2026-11-28-storm.en.md')).toMatchObject({
      title: 'Storm barrier tested & ready',
      date: '2026-11-28 14:30:00',
      thumbnail: 'https://coastal.example.org/barrier.jpg',
    });
    expect(bodyOf('en/news/coastal/coastal-2026-11-28-storm.en.md')).toContain('**four minutes**');
    expect(bodyOf('en/news/coastal/coastal-2026-11-28-storm.en.md')).not.toContain('track()');

    const [atom] = await importPath(`${base}/atom.xml`, { language: 'en' }, 'ridge');
    expect(atom).toMatchObject({ read: 1, written: 1 });
    const [json] = await importPath(`${base}/feed.json`, {}, 'valley');
    expect(json).toMatchObject({ read: 2, written: 2 });
    expect(
      written()
        .filter((file) => file.includes('/valley/'))
        .map((file) => file.split('/')[0]),
    ).toEqual(['en', 'zh-HK']);
    // Plain text stays text: the site renders what the feed wrote.
    const { html } = await renderMarkdown(bodyOf(written().find((file) => file.startsWith('en/news/valley/'))!));
    expect(html).toContain('Text with &#x3C;angle> brackets &#x26; an ampersand.');
  });

  it('goes on with the other sources when one cannot be read, and exits 1', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-import-'));
    const run = promisify(execFile);
    let code = 0;
    let stdout = '';
    try {
      stdout = (
        await run(process.execPath, [
          'node_modules/tsx/dist/cli.mjs',
          'scripts/import.ts',
          `${base}/down.json`,
          `${base}/upstream/list.json`,
          '--content',
          content,
        ])
      ).stdout;
    } catch (error) {
      code = (error as { code: number }).code;
      stdout = (error as { stdout: string }).stdout;
    }
    expect(code).toBe(1);
    expect(stdout).toMatch(/down\.json: could not be read: .*answered 500/);
    expect(stdout).toMatch(/upstream\/list\.json: 13 read, 5 written, 0 updated, 8 skipped \(.*\), 0 conflicts, 0 failed/);
    expect(written().filter((file) => file.startsWith('en/news/upstream/'))).toHaveLength(5);
  });
});
