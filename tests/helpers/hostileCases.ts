import { markdownText } from '@/lib/content/excerpt';
import { readArticleFile } from '@/lib/content/readArticle';
import { loadCatalog } from './catalog';
import { corpusShaped, TempContent } from './tempContent';
import { plainText, safeName } from '@/lib/import/articleFile';
import { htmlToMarkdown } from '@/lib/import/htmlToMarkdown';
import { remarkTypography } from '@/lib/rendering/markdown/typography';
import { bodyCases } from './hostileBodies';

/*
 * Hostile text, a megabyte of the worst case of each piece of code that reads untrusted text,
 * handed to the function that uses it. tests/hostileText.test.ts runs each on a thread of its own
 * (hostileWorker.ts) and stops it at a deadline; `run` returns a small summary of what came out,
 * which must equal `expected`.
 */
export const MB = 1 << 20;

export interface HostileCase {
  run(): unknown;
  expected: unknown;
  /** Seconds to finish in, when 20 is not a hundred times what the case takes. */
  deadline?: number;
}

const readOptions = { languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC' };

/** An article as the reader makes it from `text`, with no file behind it. */
function read(text: string) {
  return readArticleFile('/nonexistent', 'en/hostile.md', readOptions, { text, bytes: Buffer.from(text), stats: { mtimeMs: 0, size: text.length } });
}

export const hostileCases = {
  'search text of a body of 1 MB of "["': {
    run: () => markdownText('['.repeat(MB)).length,
    expected: MB,
  },
  'search text of a body of 1 MB of "![", closed by one "]" at the end': {
    run: () => markdownText(`${'!['.repeat(MB / 2 - 1)}a]`).length,
    expected: MB,
  },
  'search text of a body of 1 MB of "[", closed by one "]" with no address': {
    run: () => markdownText(`${'['.repeat(MB - 2)}]x`).length,
    expected: MB,
  },
  'search text of a body of 1 MB of "<"': {
    run: () => markdownText('<'.repeat(MB)).length,
    expected: MB,
  },
  // Through plainText, not the whole importer: writing a 1 MB title as YAML takes a second.
  'an imported title of 1 MB of "<"': {
    run: () => plainText(`${'<'.repeat(MB)}x`).length,
    expected: MB + 1,
  },
  'the title of an untitled article from a heading line of 1 MB of spaces': {
    run: () => read(`---\ndate: 2025-01-01\n---\n# x${' '.repeat(MB)}y\n`).article?.title.length,
    expected: MB + 2,
  },
  'a title of 1 MB of pasted control characters': {
    run: () => {
      const { article, problems } = read(`---\ntitle: "${'\b'.repeat(MB)}x"\ndate: 2025-01-01\n---\nText.\n`);
      return { title: article?.title, problems: problems.map((p) => `${p.field}:${p.line}`) };
    },
    expected: { title: 'x', problems: ['title:2'] },
  },
  'a front matter of 1 MB of unknown keys': {
    run: () => {
      const keys = Array.from({ length: MB / 10 }, (_, i) => `k${String(i).padStart(6, '0')}: v`).join('\n');
      const { article, problems } = read(`---\ntitle: T\n${keys}\n---\nText.\n`);
      // Twenty keys named, the rest counted, and the date missing.
      return { title: article?.title, problems: problems.length };
    },
    expected: { title: 'T', problems: 22 },
    // js-yaml alone takes 0.3 to 1 s to read a megabyte of keys.
    deadline: 120,
  },
  'a wrong value of a hundred billion entries, from eleven lines of YAML aliases': {
    run: () => {
      let aliases = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i <= 10; i++)
        aliases += `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]\n`;
      const fields = 'date: *a10\npager: *a10\nsidebar: *a10\ntags: [*a10]\nthumbnail: {src: /a.png, visibility: *a10}\n';
      const { article, problems } = read(`---\ntitle: T\n${aliases}${fields}---\nText.\n`);
      return { title: article?.title, longest: Math.max(...problems.map((p) => p.message.length)) < 200 };
    },
    expected: { title: 'T', longest: true },
  },
  'a file name from an upstream id of 1 MB of "."': {
    run: () => safeName(`a${'.'.repeat(MB)}b`).replace(/[0-9a-f]{16}$/, 'hash'),
    expected: `a${'.'.repeat(59)}-hash`,
  },
  'an imported image whose address is 1 MB of ".gif?"': {
    run: () => htmlToMarkdown(`<img src="${'.gif?'.repeat(MB / 5)}">`).length,
    expected: MB + 4,
    deadline: 60,
  },
  'the typography of a link whose text is 1 MB of "@"': {
    run: () => {
      const text = { type: 'text', value: '@'.repeat(MB) };
      const tree = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: 'https://example.org/', children: [text] }] }] };
      (remarkTypography() as (tree: unknown) => void)(tree);
      return text.value.length;
    },
    expected: MB,
    deadline: 60,
  },
  'a search hit whose body is 1 MB of "["': {
    run: async () => {
      const content = new TempContent().write('en/hostile.md', corpusShaped({ title: '"Brackets"' }, `Tariffs ${'['.repeat(MB)}\n`));
      try {
        const { search } = await loadCatalog(content.dir);
        const [hit] = (await search.search({ query: 'tariffs', lang: 'en', allLanguages: false, sort: 'relevance', page: 1, pageSize: 10 })).results;
        return hit?.snippet.map((segment) => (segment.match ? `<${segment.text}>` : segment.text)).join('');
      } finally {
        content.remove();
      }
    },
    expected: `<Tariffs> ${'['.repeat(212)}…`,
  },
} satisfies Record<string, HostileCase>;

/** What the catalog writer does when a megabyte of hostile text arrives, then a normal article (tests/catalog.test.ts). */
export const writerCases = {
  'a file of 1 MB of "[", then a normal article, through the catalog writer': {
    run: async () => {
      const content = new TempContent().write('en/earlier.md', corpusShaped({ title: '"Earlier"', date: '"2025-01-01"' }));
      try {
        const { writer, index, search } = await loadCatalog(content.dir);
        content.write('en/brackets.md', corpusShaped({ title: '"Brackets"', date: '"2025-01-02"' }, `${'['.repeat(MB)}\n`));
        const first = writer.update(['en/brackets.md']);
        content.write('en/normal.md', corpusShaped({ title: '"Normal"', date: '"2025-01-03"' }, 'Harbour news.\n'));
        const second = writer.update(['en/normal.md']);
        const found = await search.search({ query: 'harbour', lang: 'en', allLanguages: false, sort: 'relevance', page: 1, pageSize: 10 });
        return {
          changed: [...first.changes, ...second.changes].map((change) => change.key),
          problems: [...first.problems, ...second.problems],
          home: index.articles('en', 0, 10).map((article) => article.title),
          search: found.results.map((result) => result.article.title),
        };
      } finally {
        content.remove();
      }
    },
    expected: { changed: ['en/brackets', 'en/normal'], problems: [], home: ['Normal', 'Brackets', 'Earlier'], search: ['Normal'] },
  },
} satisfies Record<string, HostileCase>;

export const allCases = { ...hostileCases, ...writerCases, ...bodyCases };

export type HostileCaseName = keyof typeof allCases;
