import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCheckReport } from '@/lib/content/checkReport';
import type { LoadOptions } from '@/lib/content/readArticle';
import { loadFolder } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

const options: LoadOptions = {
  languages: ['en', 'zh-CN', 'zh-HK'],
  defaultLanguage: 'en',
  timeZone: 'Asia/Shanghai',
  widgetNames: ['search', 'recent', 'categories', 'taglist', 'languages'],
};

let content: TempContent;
afterEach(() => content?.remove());

async function problemsFor(text: string) {
  content = new TempContent().write('en/a.md', text);
  return (await loadFolder(content.dir, options)).problems;
}

describe('content checks, one bad file each', () => {
  it('names an unknown widget and its line', async () => {
    expect(await problemsFor(corpusShaped({ widgets: '\n  - "search"\n  - "weather"' }))).toEqual([
      expect.objectContaining({ field: 'widgets', line: 22, severity: 'warning', message: expect.stringMatching(/"weather"/) }),
    ]);
  });

  it('names a translation into a language the site does not have', async () => {
    expect(await problemsFor(corpusShaped({ translations: '\n  - "en"\n  - "fr"' }))).toEqual([
      expect.objectContaining({ field: 'translations', line: 9, message: expect.stringMatching(/"fr"/) }),
    ]);
  });

  it('warns about an empty body', async () => {
    expect(await problemsFor(corpusShaped({}, '\n  \n'))).toEqual([expect.objectContaining({ field: 'body', severity: 'warning' })]);
  });

  it('does not call a long body empty although the index reads only its head', async () => {
    expect(await problemsFor(corpusShaped({}, `${'x'.repeat(20_000)}\n`))).toEqual([]);
  });

  it('reports front matter that never closes', async () => {
    expect(await problemsFor('---\ntitle: "x"\nno closing fence\n')).toEqual([
      expect.objectContaining({ field: 'front matter', severity: 'error', line: 1, message: expect.stringMatching(/closing/) }),
    ]);
  });
});

describe('formatCheckReport', () => {
  const problems = [
    { file: 'en/b.md', line: 3, field: 'date', message: 'bad date', severity: 'warning' as const },
    { file: 'en/a.md', line: 4, field: 'front matter', message: 'invalid YAML', severity: 'error' as const },
    { file: 'en/a.md', field: 'path', message: 'same URL', severity: 'error' as const },
  ];

  it('prints errors, then warnings, as file:line: field: message, then counts', () => {
    const text = formatCheckReport(problems, { files: 3, articles: 1, errors: 2, warnings: 1 }, '/site/content', '/site');
    expect(text.split('\n')).toEqual([
      'Errors (2):',
      'content/en/a.md: path: same URL',
      'content/en/a.md:4: front matter: invalid YAML',
      '',
      'Warnings (1):',
      'content/en/b.md:3: date: bad date',
      '',
      '3 files checked, 1 articles loaded: 2 errors, 1 warning in 2 files.',
      'By field: date 1, front matter 1, path 1.',
    ]);
  });
});

describe('npm run check', () => {
  it('prints every problem and exits 1 when there is an error, 0 when there is none', () => {
    content = new TempContent()
      .write('en/ok.md', corpusShaped())
      .write('en/broken.md', '---\ntitle: "x"\ntags: [unclosed\n---\n')
      .write('en/odd.md', corpusShaped({ sidebar: '"middle"' }));
    const run = (dir: string) => {
      try {
        return { code: 0, out: execFileSync('npx', ['tsx', 'scripts/check.ts', dir], { encoding: 'utf8' }) };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const bad = run(content.dir);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^Errors \(1\):$/m);
    expect(bad.out).toMatch(/broken\.md:\d+: front matter: invalid YAML/);
    expect(bad.out).toMatch(/odd\.md:21: sidebar: expected "left", "right" or false/);
    expect(bad.out).toContain('3 files checked, 2 articles loaded: 1 error, 1 warning in 2 files.');

    const good = run(path.resolve('content'));
    expect(good.code).toBe(0);
    // The demo content's one warning is on purpose: a byline naming an author nobody described (issue 29).
    expect(good.out).toMatch(/0 errors, 1 warning in 1 file/);
    expect(good.out).toContain('coffee-prices.en.md: author: "Priya Raman" is not described (no authors/priya-raman.md)');
    // Two processes that compile the checker through tsx first: 31 s seen with every core busy.
  }, 300_000);
});
