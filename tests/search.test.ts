import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markdownText, markdownToPlainText } from '@/lib/content/excerpt';
import { ArticleSearch, rankingTiers, type SearchRequest, SNIPPET_SCAN_BYTES } from '@/lib/search/articleSearch';
import { indexText, languageToken, matchQuery } from '@/lib/search/ftsText';
import { toFts5 } from '@/lib/search/matchQuery';
import { highlight, snippet } from '@/lib/search/highlight';
import { normalizeForSearch } from '@/lib/search/normalize';
import { hasSearchTerms, queryFrom } from '@/lib/search/request';
import { eachRun, MAX_QUERY_LENGTH, parseQuery, stemWord } from '@/lib/search/tokenize';
import { loadCatalog, type TestCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent;
afterEach(() => content?.remove());

const zh = (lang: string) => ({ lang: `\n  - "${lang}"`, translations: `\n  - "${lang}"` });

describe('normalizeForSearch', () => {
  it('folds case, full-width forms and Traditional characters, keeping every position', () => {
    const text = 'ＡＢＣ Rates 峰會 發展 臺灣';
    const normalized = normalizeForSearch(text);
    expect(normalized).toBe('abc rates 峰会 发展 台湾');
    expect(normalized.length).toBe(text.length);
  });
});

describe('parseQuery', () => {
  it('splits Han runs from words, stems English and drops punctuation', () => {
    const terms = parseQuery('  DeepSeek 开源!! Rates (.*)+ ');
    expect(terms.map((t) => [t.text, t.han, t.stem])).toEqual([
      ['deepseek', false, 'deepseek'],
      ['开源', true, '开源'],
      ['rates', false, 'rate'],
    ]);
    expect(parseQuery('.*+?^${}()|[]\\ <>&"')).toEqual([]);
  });

  it('reads no further than MAX_QUERY_LENGTH code units', () => {
    expect(parseQuery(`${' '.repeat(MAX_QUERY_LENGTH)}a`)).toEqual([]);
    expect(parseQuery(`${'!'.repeat(MAX_QUERY_LENGTH - 6)} rates`).map((t) => t.text)).toEqual(['rates']);
    expect(parseQuery(`${'!'.repeat(MAX_QUERY_LENGTH - 4)} rates`).map((t) => t.text)).toEqual(['rat']);
    expect(parseQuery(`${'!'.repeat(MAX_QUERY_LENGTH)} rates`)).toEqual([]);
  });
});

describe('the query a request asks for', () => {
  it('has terms only when the part of it the site reads names something', () => {
    for (const query of ['', '   ', '!!! ... ???', `${' '.repeat(MAX_QUERY_LENGTH)}a`, `${'、'.repeat(MAX_QUERY_LENGTH)}市场`])
      expect(hasSearchTerms(query), query).toBe(false);
    for (const query of ['rates', '  市场  ', `${' '.repeat(MAX_QUERY_LENGTH - 1)}a`]) expect(hasSearchTerms(query), query).toBe(true);
    expect(queryFrom(`${' '.repeat(MAX_QUERY_LENGTH)}a`)).toBe('');
    expect(queryFrom(null)).toBe('');
  });
});

/** indexText's rules written plainly: distinct word stems in the order first seen, then distinct Han characters and pairs. */
function plainIndexText(...fields: (string | undefined)[]): string {
  const words = new Set<string>();
  const han = new Set<string>();
  for (const field of fields) {
    if (!field) continue;
    eachRun(normalizeForSearch(field), (run, isHan) => {
      if (!isHan) {
        if (run.length <= 40) words.add(stemWord(run));
        return;
      }
      for (let i = 0; i < run.length; i++) {
        han.add(run[i] as string);
        if (i > 0) han.add(run.slice(i - 1, i + 1));
      }
    });
  }
  return [...words, ...han].join(' ');
}

describe('indexText', () => {
  it('gives each distinct token once: stems, folded Han characters and their pairs', () => {
    expect(indexText('Rates rose; RATES ＲＯＳＥ', '峰會 峰会議')).toBe('rate rose 峰 会 峰会 议 会议');
    expect(indexText('', undefined)).toBe('');
  });

  it('follows the plain rules on any text, call after call', () => {
    // Work bounded by count, not time: one text past the word table's sizes, then 2,000 calls.
    // One text with more distinct words than a table is sized for: past half its 2^19 slots (it
    // grows within the call) and past the 200,000 it keeps (the next call starts a new one), and
    // 20,000 Han characters and pairs; the first 20,000 words come again after the table grew.
    const distinct = Array.from({ length: 270_000 }, (_, i) => (i < 20_000 ? `v${i.toString(36)} 字${String.fromCharCode(0x4e00 + i)}` : `v${i.toString(36)}`));
    const longText = [...distinct, ...distinct.slice(0, 20_000)].join(' ');
    expect(indexText(longText)).toBe(plainIndexText(longText));
    // A seeded generator: words, Han runs (Traditional and Simplified), digits, full-width and
    // astral characters, punctuation, and new words in every call.
    let seed = 42;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pieces = [
      'rates',
      'rate',
      'Rating',
      'ＡＩ',
      '發展',
      '发展',
      '峰會議',
      '臺灣',
      '𠀋字',
      'x'.repeat(40),
      'y'.repeat(41),
      '2025',
      ' ',
      ', ',
      '。',
      '—',
      'é',
      'ß',
    ];
    const text = () =>
      Array.from({ length: random(60) }, () => (random(4) === 0 ? `w${random(4_000_000).toString(36)}` : pieces[random(pieces.length)])).join(
        random(2) ? ' ' : '',
      );
    for (let call = 0; call < 2_000; call++) {
      const fields = Array.from({ length: 1 + random(3) }, text);
      expect(indexText(...fields)).toBe(plainIndexText(...fields));
    }
    // The long text is most of the work: 12 s seen with every core busy.
  }, 300_000);

  it('indexes Markdown without its markup, and its spacing left untidied changes no token', () => {
    const markdown = [
      '# Harbour ferries\n\n1. First sailing at **06:30**\n2. Last at 23:10\n\n---\n',
      '> 渡輪服務  恢復\n\n* [timetable](https://ferries.example/times) ![map](map.png)\n',
      '<div class="note">Fares_rise</div>   `code`\n----\nhttp://plain.example/link ends\n',
    ].join('\n');
    expect(indexText(markdownText(markdown))).toBe(indexText(markdownToPlainText(markdown)));
    const tokens = indexText(markdownText(markdown)).split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['harbour', 'ferri', 'timet', '渡', '轮', '渡轮', 'faresris']));
    for (const markup of ['https', 'example', 'map', 'png', 'div', 'class', 'note', '1', '2']) expect(tokens).not.toContain(markup);
  });
});

describe('the full-text index', () => {
  /** Files whose articles match, by the same expression search uses, in every language. */
  let catalog: TestCatalog;
  const found = (query: string, prefixLast = false) =>
    catalog.searchDb
      .prepare<[string], { rowid: number }>('SELECT rowid FROM search WHERE search MATCH ?')
      .all(toFts5(matchQuery(parseQuery(query), { prefixLast }), languageToken))
      .map((row) => path.basename(catalog.db.prepare<[number], { path: string }>('SELECT path FROM articles WHERE id = ?').get(row.rowid)?.path ?? '?'))
      .sort();

  async function setUp() {
    content = new TempContent()
      .write('zh-CN/a.md', corpusShaped({ title: '"巴黎举行人工智能行动峰会"', ...zh('zh-CN') }, '各国代表出席了会议。\n'))
      .write('zh-CN/b.md', corpusShaped({ title: '"市场综述"', date: '"2025-02-01"', ...zh('zh-CN') }, 'DeepSeek 宣布开源新模型，人工智能公司股价上涨。\n'))
      .write('zh-CN/c.md', corpusShaped({ title: '"DeepSeek 新闻"', ...zh('zh-CN') }, '该公司发布了闭源产品。\n'))
      .write('en/d.md', corpusShaped({ title: '"Central bank holds rates"', tags: '["monetary policy"]' }, 'The decision surprised few.\n'))
      .write('en/e.md', corpusShaped({ title: '"Markets close higher"', date: '"2025-03-01"' }, 'Traders expect the rate to fall.\n'))
      .write('zh-HK/f.md', corpusShaped({ title: '"香港科技發展"', ...zh('zh-HK') }, '政府公佈新的人工智能計劃。\n'));
    catalog = await loadCatalog(content.dir);
  }

  it('finds Chinese words inside unspaced text', async () => {
    await setUp();
    expect(found('人工智能')).toEqual(['a.md', 'b.md', 'f.md']);
    expect(found('峰会')).toEqual(['a.md']);
    expect(found('峰')).toEqual(['a.md']);
    expect(found('火星')).toEqual([]);
  });

  it('needs every term of a mixed query', async () => {
    await setUp();
    expect(found('DeepSeek 开源')).toEqual(['b.md']);
    expect(found('deepseek')).toEqual(['b.md', 'c.md']);
  });

  it('matches English case-insensitively and by stem, in body, title and tags', async () => {
    await setUp();
    expect(found('RATES')).toEqual(['d.md', 'e.md']);
    expect(found('rate')).toEqual(['d.md', 'e.md']);
    expect(found('monetary')).toEqual(['d.md']);
  });

  it('finds Traditional text with a Simplified query and the other way round', async () => {
    await setUp();
    expect(found('发展')).toEqual(['f.md']);
    expect(found('峰會')).toEqual(['a.md']);
    expect(found('人工智慧')).toEqual([]);
  });

  it('matches the start of the last word while a reader types, from its fourth letter', async () => {
    await setUp();
    expect(found('centr', true)).toEqual(['d.md']);
    expect(found('the decis', true)).toEqual(['d.md']);
    expect(found('centr')).toEqual([]);
    // Three letters are a word of their own, not the start of every word they begin.
    expect(found('cen', true)).toEqual([]);
  });

  it('forgets replaced and removed articles at once', async () => {
    await setUp();
    content.write('en/e.md', corpusShaped({ title: '"Markets close lower"' }, 'Nothing about interest.\n'));
    rmSync(path.join(content.dir, 'zh-CN/a.md'));
    catalog.writer.update(['en/e.md', 'zh-CN/a.md']);
    expect(found('rate')).toEqual(['d.md']);
    expect(found('lower')).toEqual(['e.md']);
    expect(found('峰会')).toEqual([]);
    expect(found('人工智能')).toEqual(['b.md', 'f.md']);
  });

  it('takes queries that are FTS5 syntax as plain words', async () => {
    await setUp();
    for (const query of ['AND', 'NOT rate', 'title: x', '"rate', 'NEAR(a b)', 'rate*', '^rate']) {
      expect(() => found(query), query).not.toThrow();
    }
  });

  it('ranks by how many terms the title holds: tiers that split the matches', () => {
    const terms = parseQuery('rate bank');
    const tiers = rankingTiers(terms, matchQuery(terms)).map((tier) => toFts5(tier, languageToken));
    expect(tiers).toHaveLength(3);
    expect(tiers[0]).toContain('title : (("rate" AND "bank"))');
    expect(tiers.at(-1)).toMatch(/NOT \(title : \("rate"\) OR title : \("bank"\)\)\)$/);
  });
});

describe('highlighting', () => {
  it('marks Han terms anywhere and words by stem, as plain text', () => {
    const terms = parseQuery('峰會 rate');
    const parts = highlight('<b>Rates</b> at the 人工智能行动峰会', terms);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Rates', '峰会']);
    expect(parts.map((p) => p.text).join('')).toBe('<b>Rates</b> at the 人工智能行动峰会');
  });

  it('cuts a snippet around the first match of the first text that has one', () => {
    const long = `${'lorem ipsum '.repeat(40)}the rate fell ${'dolor sit '.repeat(40)}`;
    const parts = snippet(['A summary.', long], parseQuery('rate'), 100)!;
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan(110);
    expect(parts.find((p) => p.match)?.text).toBe('rate');
    expect(snippet(['nothing here'], parseQuery('rate'))).toBeUndefined();
    // A stem that is not a prefix of the word (happy → happi) is still found; "unhappy" is another word.
    const happy = snippet(['Unhappy voters, happy markets.'], parseQuery('happy'))!;
    expect(happy.filter((p) => p.match).map((p) => p.text)).toEqual(['happy']);
  });
});

describe('ArticleSearch', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const request = (query: string, extra: Partial<SearchRequest> = {}): SearchRequest => ({
    query,
    lang: 'en',
    allLanguages: false,
    sort: 'relevance',
    page: 1,
    pageSize: 10,
    ...extra,
  });
  const titlesOf = async (search: ArticleSearch, query: string, extra: Partial<SearchRequest> = {}) =>
    (await search.search(request(query, extra))).results.map((r) => r.article.title);

  async function setUp() {
    content = new TempContent()
      .write('en/old.md', corpusShaped({ title: '"Tariffs explained"', date: '"2024-01-01"' }, 'A long read.\n'))
      .write('en/new.md', corpusShaped({ title: '"Morning briefing"', date: '"2025-06-01"' }, 'New tariffs announced today.\n'))
      .write('en/draft.md', corpusShaped({ title: '"Tariff draft"', draft: 'true' }, 'Tariffs.\n'))
      .write('en/both.md', corpusShaped({ title: '"Tariff and trade talks"', date: '"2023-01-01"' }, 'Trade.\n'))
      .write('en/one.md', corpusShaped({ title: '"Trade desk notes"', date: '"2025-08-01"' }, 'On tariffs.\n'))
      .write('zh-CN/cn.md', corpusShaped({ title: '"关税新闻"', ...zh('zh-CN') }, '美国宣布新关税 tariffs。\n'));
    return loadCatalog(content.dir, { now: () => now });
  }

  it('ranks title matches first, then by date; sorts by date on request; hides drafts', async () => {
    const { search } = await setUp();
    expect(await titlesOf(search, 'tariff')).toEqual(['Tariffs explained', 'Tariff and trade talks', 'Trade desk notes', 'Morning briefing']);
    expect(await titlesOf(search, 'tariff', { sort: 'date' })).toEqual(['Trade desk notes', 'Morning briefing', 'Tariffs explained', 'Tariff and trade talks']);
    expect((await titlesOf(search, 'tariff', { allLanguages: true })).at(-1)).toBe('关税新闻');
  });

  it('ranks a title holding every term above one holding some, above one holding none', async () => {
    const { search } = await setUp();
    expect(await titlesOf(search, 'tariff trade')).toEqual(['Tariff and trade talks', 'Trade desk notes']);
    expect(await titlesOf(search, 'tariffs announced')).toEqual(['Morning briefing']);
  });

  it('pages through the tiers without losing or repeating a result', async () => {
    const { search } = await setUp();
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(...(await titlesOf(search, 'tariff', { page, pageSize: 1 })));
    expect(pages).toEqual(['Tariffs explained', 'Tariff and trade talks', 'Trade desk notes', 'Morning briefing']);
  });

  it('highlights matches in the snippet and clamps the page', async () => {
    const { search } = await setUp();
    const response = await search.search(request('announced', { page: 9 }));
    expect(response.page).toBe(1);
    expect(response.total).toBe(1);
    expect(response.results[0]?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['announced']);
  });

  it("looks for a hit's snippet in the first 256 KiB of its file, and shows the summary when the match lies further", async () => {
    content = new TempContent()
      .write('en/near.md', corpusShaped({ title: '"Near"', date: '"2025-01-02"' }, 'Tariffs rose.\n'))
      .write('en/far.md', corpusShaped({ title: '"Far"', date: '"2025-01-01"' }, `${'Filler text. '.repeat(SNIPPET_SCAN_BYTES / 13)}Tariffs rose.\n`));
    const { search } = await loadCatalog(content.dir, { now: () => now });
    const snippets = (await search.search(request('tariffs'))).results.map((r) => [r.article.title, r.snippet.map((s) => s.text).join('')]);
    expect(snippets).toEqual([
      ['Near', 'Tariffs rose.'],
      ['Far', 'A summary.'],
    ]);
  });

  it('suggests titles for a word still being typed', async () => {
    const { search } = await setUp();
    expect((await search.suggest('tarif', 'en', 2)).map((a) => a.title)).toEqual(['Tariffs explained', 'Tariff and trade talks']);
    expect(await search.suggest('', 'en', 2)).toEqual([]);
  });

  it('follows new, changed and deleted files without a rebuild', async () => {
    const { search, writer } = await setUp();
    content.write('en/added.md', corpusShaped({ title: '"Fresh tariffs story"', date: '"2025-07-01"' }));
    writer.update(['en/added.md']);
    expect(await titlesOf(search, 'fresh')).toEqual(['Fresh tariffs story']);

    content.write('en/new.md', corpusShaped({ title: '"Morning briefing"', date: '"2025-06-01"' }, 'Quiet day.\n'));
    rmSync(path.join(content.dir, 'en/old.md'));
    writer.update(['en/new.md', 'en/old.md']);
    expect(await titlesOf(search, 'quiet')).toEqual(['Morning briefing']);
    expect(await titlesOf(search, 'briefing tariffs')).toEqual([]);
  });
});
