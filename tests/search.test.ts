import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentStore } from '@/lib/content/contentStore';
import type { ArticleMeta } from '@/lib/content/types';
import { ArticleSearch, type SearchRequest } from '@/lib/search/articleSearch';
import { highlight, snippet } from '@/lib/search/highlight';
import { normalizeForSearch } from '@/lib/search/normalize';
import { Postings } from '@/lib/search/postings';
import { FilePostingStore, MemoryPostingStore } from '@/lib/search/postingStore';
import { SearchIndex } from '@/lib/search/searchIndex';
import { parseQuery } from '@/lib/search/tokenize';
import { articleMeta } from './helpers/articleMeta';
import { corpusShaped, TempContent } from './helpers/tempContent';

/** An article whose file is `file` (its slug the file's name), dated 2025-01-01 unless told. */
function meta(file: string, fields: Partial<ArticleMeta> = {}): ArticleMeta {
  return articleMeta(fields.lang ?? 'en', [path.basename(file, '.md')], { date: Date.parse('2025-01-01'), file, title: 'Untitled', ...fields });
}

function indexOf(docs: [ArticleMeta, string][]): SearchIndex {
  const index = new SearchIndex();
  for (const [article, body] of docs) index.add({ article, body });
  return index;
}

const found = (index: SearchIndex, query: string) =>
  index
    .find(parseQuery(query), { accept: () => true, titleWeight: 1 })
    .map((hit) => hit.article.file)
    .sort();

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
});

describe('SearchIndex', () => {
  const docs: [ArticleMeta, string][] = [
    [meta('a.md', { title: '巴黎举行人工智能行动峰会', lang: 'zh-CN' }), '各国代表出席了会议。'],
    [meta('b.md', { title: '市场综述', lang: 'zh-CN', date: Date.parse('2025-02-01') }), 'DeepSeek 宣布开源新模型，人工智能公司股价上涨。'],
    [meta('c.md', { title: 'DeepSeek 新闻', lang: 'zh-CN' }), '该公司发布了闭源产品。'],
    [meta('d.md', { title: 'Central bank holds rates', tags: ['monetary policy'] }), 'The decision surprised few.'],
    [meta('e.md', { title: 'Markets close higher', date: Date.parse('2025-03-01') }), 'Traders expect the rate to fall.'],
    [meta('f.md', { title: '香港科技發展', lang: 'zh-HK' }), '政府公佈新的人工智能計劃。'],
  ];

  it('finds Chinese words inside unspaced text', () => {
    const index = indexOf(docs);
    expect(found(index, '人工智能')).toEqual(['a.md', 'b.md', 'f.md']);
    expect(found(index, '峰会')).toEqual(['a.md']);
    expect(found(index, '峰')).toEqual(['a.md']);
    expect(found(index, '火星')).toEqual([]);
  });

  it('needs every term of a mixed query', () => {
    const index = indexOf(docs);
    expect(found(index, 'DeepSeek 开源')).toEqual(['b.md']);
    expect(found(index, 'deepseek')).toEqual(['b.md', 'c.md']);
  });

  it('matches English case-insensitively and by stem, in body, title and tags', () => {
    const index = indexOf(docs);
    expect(found(index, 'RATES')).toEqual(['d.md', 'e.md']);
    expect(found(index, 'rate')).toEqual(['d.md', 'e.md']);
    expect(found(index, 'monetary')).toEqual(['d.md']);
  });

  it('finds Traditional text with a Simplified query and the other way round', () => {
    const index = indexOf(docs);
    expect(found(index, '发展')).toEqual(['f.md']);
    expect(found(index, '峰會')).toEqual(['a.md']);
    expect(found(index, '人工智慧')).toEqual([]);
  });

  it('matches the start of the last word while a reader types', () => {
    const index = indexOf(docs);
    const typed = (query: string) => index.find(parseQuery(query), { accept: () => true, titleWeight: 1, prefixLast: true }).map((hit) => hit.article.file).sort();
    expect(typed('cent')).toEqual(['d.md']);
    expect(typed('the decis')).toEqual(['d.md']);
    expect(found(index, 'cent')).toEqual([]);
  });

  it('counts title matches for ranking', () => {
    const hits = indexOf(docs).find(parseQuery('rates'), { accept: () => true, titleWeight: 1e13 });
    expect(Object.fromEntries(hits.map((h) => [h.article.file, Math.floor(h.score / 1e13)]))).toEqual({ 'd.md': 1, 'e.md': 0 });
  });

  it('forgets removed and replaced documents, before and after packing', () => {
    const index = indexOf(docs);
    index.remove('a.md');
    expect(found(index, '峰会')).toEqual([]);
    index.add({ article: meta('e.md', { title: 'Markets close lower' }), body: 'Nothing about interest.' });
    expect(found(index, 'rate')).toEqual(['d.md']);
    expect(found(index, 'lower')).toEqual(['e.md']);
    index.pack();
    expect(found(index, 'rate')).toEqual(['d.md']);
    expect(found(index, 'lower')).toEqual(['e.md']);
    expect(found(index, '人工智能')).toEqual(['b.md', 'f.md']);
    expect(index.size).toBe(5);
  });

  it('sees bulk additions after packing', () => {
    const index = new SearchIndex();
    index.add({ article: meta('x.md', { title: 'Bulk' }), body: 'loaded' }, true);
    index.pack();
    index.add({ article: meta('y.md', { title: 'Live' }), body: 'loaded' });
    expect(found(index, 'loaded')).toEqual(['x.md', 'y.md']);
  });
});

describe('posting lists', () => {
  /** A small seeded generator, so a failure can be replayed. */
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  it('hold the same lists in a scratch file as in memory, through bulk loads, live additions, deletions and packs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-postings-test-'));
    try {
      const next = random(7);
      const stores = [new Postings(new MemoryPostingStore()), new Postings(new FilePostingStore(dir))];
      // The model: key → ids, as plain sets.
      let model = new Map<number, Set<number>>();
      let nextId = 0;
      const addDoc = (bulk: boolean) => {
        const id = nextId++;
        const keys = Uint32Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * 40) * 1000 + 7).sort();
        for (const postings of stores) (bulk ? postings.addBulk(id, keys) : postings.add(id, keys));
        for (const key of keys) model.set(key, (model.get(key) ?? new Set()).add(id));
      };
      const packDropping = (dropped: Set<number>) => {
        // Surviving ids are renumbered densely, in order, as SearchIndex does.
        const renumbered = new Map<number, number>();
        for (let id = 0, kept = 0; id < nextId; id++) if (!dropped.has(id)) renumbered.set(id, kept++);
        for (const postings of stores) postings.pack((id) => renumbered.get(id) ?? -1);
        const after = new Map<number, Set<number>>();
        for (const [key, ids] of model) {
          const kept = [...ids].filter((id) => !dropped.has(id)).map((id) => renumbered.get(id) as number);
          if (kept.length > 0) after.set(key, new Set(kept));
        }
        model = after;
        nextId = renumbered.size;
      };
      const check = () => {
        for (let key = 7; key < 40_007; key += 1000) {
          const expected = [...(model.get(key) ?? [])].sort((a, b) => a - b);
          for (const postings of stores) expect(Array.from(postings.list(key) ?? [])).toEqual(expected);
        }
        expect(stores[1]?.packed).toBe(stores[0]?.packed);
      };

      for (let i = 0; i < 300; i++) addDoc(true);
      packDropping(new Set());
      check();
      for (let i = 0; i < 50; i++) addDoc(false);
      check();
      packDropping(new Set([0, 5, 299, 310, 349]));
      check();
      for (let i = 0; i < 40; i++) addDoc(true);
      for (let i = 0; i < 10; i++) addDoc(false);
      packDropping(new Set([1, 2, 3]));
      check();
      // The scratch files are unlinked as soon as they are open: nothing is left in the folder.
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('posting store', () => {
  it('keeps the ids in memory, with a warning, where no scratch file can be written', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const store = new FilePostingStore(path.join(tmpdir(), 'broadsheet-no-such-folder', 'deeper'));
      store.replace(Uint32Array.from([3, 5, 8, 13]));
      expect(Array.from(store.read(1, 3))).toEqual([5, 8]);
      store.replace(Uint32Array.from([21, 34]));
      expect(Array.from(store.read(0, 2))).toEqual([21, 34]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('broadsheet-no-such-folder');
    } finally {
      warn.mockRestore();
    }
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
  let content: TempContent;
  afterEach(() => content?.remove());
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
      .write('zh-CN/cn.md', corpusShaped({ title: '"关税新闻"', lang: '\n  - "zh-CN"', translations: '\n  - "zh-CN"' }, '美国宣布新关税 tariffs。\n'));
    const store = new ContentStore(content.dir, { languages: ['en', 'zh-CN'], defaultLanguage: 'en', timeZone: 'UTC', preview: false, now: () => now });
    await store.loadAll();
    const search = new ArticleSearch(store);
    await search.ready;
    return { store, search };
  }

  it('ranks title matches first, then by date; sorts by date on request; hides drafts', async () => {
    const { search } = await setUp();
    expect(await titlesOf(search, 'tariff')).toEqual(['Tariffs explained', 'Morning briefing']);
    expect(await titlesOf(search, 'tariff', { sort: 'date' })).toEqual(['Morning briefing', 'Tariffs explained']);
    expect(await titlesOf(search, 'tariff', { allLanguages: true })).toEqual(['Tariffs explained', 'Morning briefing', '关税新闻']);
  });

  it('highlights matches in the snippet and clamps the page', async () => {
    const { search } = await setUp();
    const response = await search.search(request('announced', { page: 9 }));
    expect(response.page).toBe(1);
    expect(response.total).toBe(1);
    expect(response.results[0]?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['announced']);
  });

  it('follows new, changed and deleted files without a rebuild', async () => {
    const { store, search } = await setUp();
    content.write('en/added.md', corpusShaped({ title: '"Fresh tariffs story"', date: '"2025-07-01"' }));
    await store.update(['en/added.md']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await titlesOf(search, 'fresh')).toEqual(['Fresh tariffs story']);

    content.write('en/new.md', corpusShaped({ title: '"Morning briefing"', date: '"2025-06-01"' }, 'Quiet day.\n'));
    rmSync(path.join(content.dir, 'en/old.md'));
    await store.update(['en/new.md', 'en/old.md']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await titlesOf(search, 'tariffs')).toEqual(['Fresh tariffs story']);
    expect(await titlesOf(search, 'quiet')).toEqual(['Morning briefing']);
  });
});
