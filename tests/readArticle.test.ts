import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { splitFile } from '@/lib/content/frontMatter';
import type { LoadOptions } from '@/lib/content/readArticle';
import { loadFolder } from './helpers/catalog';
import type { Problem } from '@/lib/content/problems';
import { corpusShaped, TempContent } from './helpers/tempContent';

const options: LoadOptions = { languages: ['en', 'zh-CN', 'zh-HK'], defaultLanguage: 'en', timeZone: 'Asia/Shanghai' };

let content: TempContent;
afterEach(() => content?.remove());

async function load(files: Record<string, string>, modified?: Date) {
  content = new TempContent();
  for (const [file, text] of Object.entries(files)) content.write(file, text, modified);
  return loadFolder(content.dir, options);
}

function problemsOf(problems: Problem[], file: string): Problem[] {
  return problems.filter((p) => p.file === file);
}

describe('reading an article file on well-formed files', () => {
  it('reads and types every corpus field, and serves the Hugo layout at /{lang}/news/{source}/{id}', async () => {
    const { articles, problems } = await load({
      'zh-CN/news/qq/20250212A06YSW.zh-CN.md': corpusShaped({
        title: '"美股收盘"',
        lang: '\n  - "zh-CN"',
        translations: '\n  - "zh-CN"\n  - "en"',
        categories: '\n  - "Dow Jones Newswires"',
        tags: '\n  - "美股"\n  - "qq"',
        thumbnail: '"https://example.org/a.jpg"',
        lead: '"Lead text"',
        comments: 'true',
        toc: 'true',
        sidebar: '"left"',
      }),
    });
    expect(problems).toEqual([]);
    const [article] = articles;
    expect(article).toMatchObject({
      key: 'zh-CN/news/qq/20250212A06YSW',
      lang: 'zh-CN',
      slug: ['news', 'qq', '20250212A06YSW'],
      title: '美股收盘',
      date: Date.parse('2025-02-07T19:17:28Z'),
      summary: 'A summary.',
      categories: ['Dow Jones Newswires'],
      tags: ['美股', 'qq'],
      translations: ['zh-CN', 'en'],
      menu: [],
      thumbnail: { src: 'https://example.org/a.jpg' },
      lead: 'Lead text',
      comments: true,
      authorbox: false,
      pager: true,
      toc: true,
      mathjax: false,
      draft: false,
      sidebar: 'left',
      widgets: ['search', 'recent', 'taglist'],
    });
  });

  it('reads every .md at any depth and ignores other files and dot-folders', async () => {
    const { articles, fileCount } = await load({
      'en/a.md': corpusShaped(),
      'en/deep/er/still/b.md': corpusShaped(),
      'en/notes.txt': 'not an article',
      'en/image.png': 'binary',
      '.git/c.md': corpusShaped(),
    });
    expect(fileCount).toBe(2);
    expect(articles.map((a) => a.key).sort()).toEqual(['en/a', 'en/deep/er/still/b']);
  });

  it('takes the language of a file outside language folders from front matter, else the default', async () => {
    const { articles } = await load({
      'posts/hello.md': corpusShaped({ lang: '\n  - "zh-HK"' }),
      'posts/plain.md': corpusShaped({ lang: undefined }),
    });
    expect(articles.find((a) => a.file === 'posts/hello.md')?.key).toBe('zh-HK/posts/hello');
    expect(articles.find((a) => a.file === 'posts/plain.md')?.key).toBe('en/posts/plain');
  });

  it('keeps an unquoted YAML date in the site time zone', async () => {
    const { articles } = await load({ 'en/a.md': corpusShaped({ date: '2025-02-08 03:17:28' }) });
    expect(articles[0]?.date).toBe(Date.parse('2025-02-07T19:17:28Z'));
  });

  it('reads an RFC 2822 date written without a zone in the site time zone, with no warning', async () => {
    const { articles, problems } = await load({ 'en/a.md': corpusShaped({ date: '"Fri, 14 Feb 2025 22:00:00"' }) }, new Date('2020-01-01T00:00:00Z'));
    expect(problems).toEqual([]);
    expect(articles[0]?.date).toBe(Date.parse('2025-02-14T14:00:00Z'));
  });

  it('reads thumbnail visibility and site paths', async () => {
    const { articles } = await load({
      'en/a.md': corpusShaped({ thumbnail: '\n  src: "/images/a.png"\n  visibility:\n    - "list"' }),
      'en/b.md': corpusShaped({ thumbnail: '"//cdn.example.org/b.jpg"' }),
    });
    expect(articles.find((a) => a.file === 'en/a.md')?.thumbnail).toEqual({ src: '/images/a.png', visibility: { list: true, post: false } });
    expect(articles.find((a) => a.file === 'en/b.md')?.thumbnail?.src).toBe('https://cdn.example.org/b.jpg');
  });
});

describe('reading an article file on bad input', () => {
  it('leaves out a file whose YAML is broken, reports file and line, and loads the rest', async () => {
    const broken = '---\ntitle: "ok"\ndate: "2025-02-08 03:17:28"\ntags: [unclosed\nsummary: x\n---\nbody\n';
    const { articles, problems } = await load({ 'en/broken.md': broken, 'en/fine.md': corpusShaped() });
    expect(articles.map((a) => a.file)).toEqual(['en/fine.md']);
    const [problem] = problemsOf(problems, 'en/broken.md');
    expect(problem).toMatchObject({ severity: 'error', field: 'front matter' });
    expect(problem?.message).toMatch(/invalid YAML/);
    expect(problem?.line).toBeGreaterThanOrEqual(4);
  });

  it('publishes a file with no front matter, titled by its first heading and dated by its mtime, with warnings', async () => {
    const modified = new Date('2024-06-01T10:00:00Z');
    const { articles, problems } = await load({ 'en/bare.md': 'Intro line\n\n# The real headline\n\nText.\n' }, modified);
    expect(articles[0]).toMatchObject({ title: 'The real headline', date: modified.getTime(), lang: 'en' });
    const fields = problemsOf(problems, 'en/bare.md').map((p) => `${p.severity}:${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(['warning:front matter', 'warning:title', 'warning:date']));
  });

  it('titles an article with neither title nor heading after its file name', async () => {
    const { articles, problems } = await load({ 'en/news/x/some-story.en.md': corpusShaped({ title: undefined }) });
    expect(articles[0]?.title).toBe('some-story');
    expect(problemsOf(problems, 'en/news/x/some-story.en.md')[0]).toMatchObject({ field: 'title', severity: 'warning' });
  });

  it('falls back to mtime for a date that does not parse, naming the field and its line', async () => {
    const modified = new Date('2024-06-01T10:00:00Z');
    const { articles, problems } = await load({ 'en/a.md': corpusShaped({ date: '"next Tuesday"' }) }, modified);
    expect(articles[0]?.date).toBe(modified.getTime());
    expect(problemsOf(problems, 'en/a.md')).toEqual([
      expect.objectContaining({ field: 'date', line: 3, severity: 'warning', message: expect.stringMatching(/next Tuesday/) }),
    ]);
  });

  it('accepts categories and tags given as a string, and drops empty entries', async () => {
    const { articles } = await load({ 'en/a.md': corpusShaped({ categories: '"Markets"', tags: '\n  - ""\n  - "ipo"\n  - ""' }) });
    expect(articles[0]).toMatchObject({ categories: ['Markets'], tags: ['ipo'] });
  });

  it('decodes HTML entities left in titles and summaries', async () => {
    const { articles } = await load({
      'en/a.md': corpusShaped({ title: '"Investors&#39; mood &amp; the \\"rally\\""', summary: '"It&#39;s up"' }),
    });
    expect(articles[0]).toMatchObject({ title: 'Investors\' mood & the "rally"', summary: "It's up" });
  });

  it('reads files with a BOM and CRLF line ends', async () => {
    const text = `\uFEFF${corpusShaped({ title: '"Windows file"' })}`.replace(/\n/g, '\r\n');
    const { articles, problems } = await load({ 'en/win.md': text });
    expect(problems).toEqual([]);
    expect(articles[0]?.title).toBe('Windows file');
  });

  it('drops a thumbnail that is not http(s) or a site path, with a warning', async () => {
    const { articles, problems } = await load({ 'en/a.md': corpusShaped({ thumbnail: '"javascript:alert(1)"' }) });
    expect(articles[0]?.thumbnail).toBeUndefined();
    expect(problemsOf(problems, 'en/a.md')[0]).toMatchObject({ field: 'thumbnail', severity: 'warning' });
  });

  it('uses the site default for an odd sidebar value, and reads "false"', async () => {
    const { articles, problems } = await load({
      'en/a.md': corpusShaped({ sidebar: '"middle"' }),
      'en/b.md': corpusShaped({ sidebar: 'false' }),
    });
    expect(articles.find((a) => a.file === 'en/a.md')?.sidebar).toBeUndefined();
    expect(articles.find((a) => a.file === 'en/b.md')?.sidebar).toBe(false);
    expect(problemsOf(problems, 'en/a.md')[0]).toMatchObject({ field: 'sidebar', line: 21 });
  });

  it('serves a file filed under the wrong language by its folder, with a warning', async () => {
    const { articles, problems } = await load({ 'en/a.md': corpusShaped({ lang: '\n  - "zh-CN"' }) });
    expect(articles[0]?.lang).toBe('en');
    expect(problemsOf(problems, 'en/a.md')[0]).toMatchObject({ field: 'lang', severity: 'warning' });
  });

  it('reports two files claiming one URL and keeps the first', async () => {
    const { articles, problems } = await load({ 'en/a.md': corpusShaped(), 'en/a.en.md': corpusShaped() });
    expect(articles).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', field: 'path', message: expect.stringMatching(/same URL/) })]);
  });

  it("refuses a file whose URL would sit under the site's own pages", async () => {
    const { articles, problems } = await load({ 'en/tags/a.md': corpusShaped() });
    expect(articles).toEqual([]);
    expect(problems[0]).toMatchObject({ file: 'en/tags/a.md', field: 'path', severity: 'error' });
  });

  it('publishes an article with control characters pasted into its front matter, and says where each line lost some', async () => {
    const text = corpusShaped({ title: '"Markets\b rally"', tags: '\n  - "trade\u001b"\n  - "x"', summary: 'Calm\u0000 day' });
    const { articles, problems } = await load({ 'en/pasted.md': text });
    expect(articles).toMatchObject([{ title: 'Markets rally', tags: ['trade', 'x'], summary: 'Calm day' }]);
    const warning = (field: string, line: number, characters: string) =>
      expect.objectContaining({ file: 'en/pasted.md', field, line, severity: 'warning', message: expect.stringContaining(`removed ${characters}`) });
    expect(problems).toEqual([warning('title', 2, 'U+0008'), warning('summary', 4, 'U+0000'), warning('tags', 12, 'U+001B')]);
  });

  it('warns about unknown front-matter keys, which are often typos', async () => {
    const { problems } = await load({ 'en/a.md': corpusShaped({ catgories: '"x"' }) });
    expect(problems).toEqual([expect.objectContaining({ field: 'catgories', severity: 'warning' })]);
  });

  it('removes exactly the characters js-yaml refuses, and keeps a surrogate pair', () => {
    const codes = [...Array(0x3000).keys(), ...Array.from({ length: 0x10000 - 0xd700 }, (_, i) => 0xd700 + i)];
    for (const code of codes.filter((c) => c !== 0x0a && c !== 0x0d)) {
      const text = `a: x${String.fromCharCode(code)}y`;
      let refused = false;
      try {
        yaml.load(text, { schema: yaml.CORE_SCHEMA });
      } catch (error) {
        refused = /non-printable|null byte/.test(String(error));
      }
      expect(splitFile(`---\n${text}\n---\n`).removed.length > 0, code.toString(16)).toBe(refused);
    }
    expect(splitFile('---\na: x\ud83d\ude00y\n---\n')).toMatchObject({ data: { a: 'x\ud83d\ude00y' }, removed: [] });
  }, 60_000);

  it('names the first 20 unknown keys with their lines, and counts the rest in one warning', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `extra${i}: x`).join('\n');
    const { articles, problems } = await load({ 'en/a.md': `---\ntitle: T\n${keys}\n---\nText.\n` });
    expect(articles[0]?.title).toBe('T');
    expect(problems.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => expect.objectContaining({ field: `extra${i}`, line: i + 3 })));
    expect(problems.slice(20)).toEqual([
      expect.objectContaining({ field: 'front matter', message: '5 more unknown keys (["extra20","extra21","extra22","extra23","extra24"]); ignored' }),
      expect.objectContaining({ field: 'date' }),
    ]);
  });

  it('shows a wrong value in a message as JSON, cut at 80 characters', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `item${i}`);
    const { problems } = await load({ 'en/a.md': corpusShaped({ pager: `[${long.join(', ')}]`, sidebar: '{where: [left]}' }) });
    expect(problems.map((p) => p.message)).toEqual([
      `expected true or false, found ${JSON.stringify(long).slice(0, 80)}…; using true`,
      'expected "left", "right" or false, found {"where":["left"]}; using the site default',
    ]);
  });

  it('warns about a wrong type and keeps going', async () => {
    const { articles, problems } = await load({ 'en/a.md': corpusShaped({ pager: '"sometimes"', title: '\n  - "a list"' }) });
    expect(articles[0]?.pager).toBe(true);
    // The title is both of the wrong type and, so, missing: both are said.
    expect(problems.map((p) => p.field).sort()).toEqual(['pager', 'title', 'title']);
    expect(articles[0]?.title).toBe('a');
  });
});

describe('reading an article file: optional Mainroad fields', () => {
  it('reads description, lastmod and draft', async () => {
    const { articles } = await load({
      'en/a.md': corpusShaped({ description: '"For search engines"', lastmod: '"2025-02-09 10:00:00"', draft: 'true' }),
    });
    expect(articles[0]).toMatchObject({ description: 'For search engines', lastmod: Date.parse('2025-02-09T02:00:00Z'), draft: true });
  });
});
