/*
 * The store contract: what every engine (lib/store/sqlite, lib/store/postgres) answers for the
 * same content folder (fixtures.ts). Each engine's test file calls describeStoreContract with a
 * factory that returns its store over a folder.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageToken } from '@/lib/search/ftsText';
import { parseQuery } from '@/lib/search/tokenize';
import type { CatalogReader, ChangeFeed, ChangeRecord, FullTextIndex, MatchQuery } from '@/lib/store/types';
import { corpusShaped, TempContent } from '../helpers/tempContent';
import { article, CONTRACT_NOW, JANE_DOE, writeContractFolder } from './fixtures';

export interface StoreUnderTest {
  catalog: CatalogReader;
  search: FullTextIndex;
  changes: ChangeFeed;
  /** Brings the store in line with the folder as it is now. */
  sync(): Promise<void>;
  /** What the server's publication timer does at each scheduled moment: publishes (or takes down) what came due. */
  publishDue(): Promise<void>;
  close(): Promise<void>;
}

/** A store over a content folder, synced once, its clock at `now`. Languages: en, zh-CN, zh-HK; time zone UTC. */
export type StoreFactory = (dir: string, now: () => number) => Promise<StoreUnderTest>;

/** A query as the search builds one from what a reader typed: each term's Han pairs (or its character) or its stem; the last may be a prefix. */
export function queryOf(text: string, options: { lang?: string; prefixLast?: boolean } = {}): MatchQuery {
  const terms = parseQuery(text);
  const parts: MatchQuery[] = terms.map((term, i) => {
    if (term.han) {
      const chars = [...term.text];
      if (chars.length === 1) return { token: chars[0] as string };
      return { all: chars.slice(1).map((char, j) => ({ token: `${chars[j]}${char}` })) };
    }
    return options.prefixLast && i === terms.length - 1 ? { any: [{ token: term.stem }, { token: term.text, prefix: true }] } : { token: term.stem };
  });
  if (options.lang) parts.push({ lang: options.lang });
  return { all: parts };
}

const waitFor = async <T>(probe: () => T | undefined, what: string, ms = 10_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export function describeStoreContract(engine: string, factory: StoreFactory): void {
  describe(`the ${engine} store`, () => {
    let content: TempContent;
    let store: StoreUnderTest;
    let catalog: CatalogReader;
    let search: FullTextIndex;
    const titles = (articles: { title: string }[]) => articles.map((a) => a.title);
    const idOf = async (lang: string, slug: string[]) => (await catalog.idOf({ key: `${lang}/${slug.join('/')}` })) as number;

    beforeAll(async () => {
      content = writeContractFolder(new TempContent());
      store = await factory(content.dir, () => CONTRACT_NOW);
      ({ catalog, search } = store);
    });
    afterAll(async () => {
      await store?.close();
      content?.remove();
    });

    describe('lists', () => {
      it('lists a language newest first, a page at a time from either end, without drafts or future articles', async () => {
        expect(await catalog.complete()).toBe(true);
        expect(titles(await catalog.articles('en', 0, 10))).toEqual([
          'AI summit opens in Paris',
          'Stocks rally on chip earnings',
          'Central bank holds rates',
          'About this newsroom',
        ]);
        expect(titles(await catalog.articles('en', 1, 2))).toEqual(['Stocks rally on chip earnings', 'Central bank holds rates']);
        expect(titles(await catalog.articles('en', 3, 10))).toEqual(['About this newsroom']);
        expect(await catalog.articles('en', 4, 10)).toEqual([]);
        expect(titles(await catalog.articles('zh-CN', 0, 10))).toEqual(['人工智能行动峰会在巴黎开幕', '美股收盘上涨']);
        expect([await catalog.count('en'), await catalog.count('zh-CN'), await catalog.count('zh-HK'), await catalog.size()]).toEqual([4, 2, 1, 7]);
        expect(await catalog.count('fr')).toBe(0);
      });

      it('finds articles by URL, ignoring case, by id in the order given, and in the other languages', async () => {
        expect((await catalog.article('en', ['news', 'rates']))?.title).toBe('Central bank holds rates');
        expect(await catalog.article('en', ['news', 'draft'])).toBeUndefined();
        expect(await catalog.article('en', ['news', 'missing'])).toBeUndefined();
        expect((await catalog.articleIgnoringCase('en', ['NEWS', 'Ai']))?.title).toBe('AI summit opens in Paris');
        const [rates, ai, stocks] = [await idOf('en', ['news', 'rates']), await idOf('en', ['news', 'ai']), await idOf('en', ['news', 'stocks'])];
        expect(ai).toBeGreaterThan(stocks);
        expect(stocks).toBeGreaterThan(rates);
        expect(await catalog.idOf({ key: 'en/news/draft' })).toBeUndefined();
        expect(titles(await catalog.byIds([rates, 12345, ai]))).toEqual(['Central bank holds rates', 'AI summit opens in Paris']);
        const en = (await catalog.article('en', ['news', 'ai']))!;
        expect((await catalog.otherLanguages(en, ['en', 'zh-CN', 'zh-HK'])).map((a) => a.lang)).toEqual(['zh-CN', 'zh-HK']);
        expect(await catalog.otherLanguages((await catalog.article('en', ['news', 'rates']))!, ['en', 'zh-CN', 'zh-HK'])).toEqual([]);
      });

      it('gives the published text of an article as the editor wrote it', async () => {
        const source = await catalog.source({ key: 'en/news/ai' });
        expect(source).toContain('Delegates met for the summit');
        expect(source).toMatch(/^---\n/);
        expect(await catalog.source({ key: 'zh-HK/news/ai' })).toContain('各國代表');
        expect(await catalog.source({ key: 'en/news/draft' })).toBeUndefined();
      });

      it('groups terms by URL key, named as the newest article writes them, with counts', async () => {
        expect(await catalog.term('en', 'categories', 'markets')).toEqual({ taxonomy: 'categories', name: 'markets', slug: 'markets', count: 2 });
        expect(titles(await catalog.termArticles('en', { taxonomy: 'categories', slug: 'markets' }, 0, 10))).toEqual([
          'Stocks rally on chip earnings',
          'Central bank holds rates',
        ]);
        expect(titles(await catalog.termArticles('en', { taxonomy: 'categories', slug: 'markets' }, 1, 10))).toEqual(['Central bank holds rates']);
        expect((await catalog.term('zh-CN', 'tags', '美股'))?.count).toBe(1);
        expect(await catalog.term('en', 'tags', '美股')).toBeUndefined();
        expect((await catalog.termsOf('en', 'categories')).map((t) => [t.name, t.count])).toEqual([
          ['markets', 2],
          ['Technology', 1],
        ]);
        expect((await catalog.topTerms('en', 'categories', 1)).map((t) => t.slug)).toEqual(['markets']);
        expect((await catalog.topTerms('en', 'tags', 10)).map((t) => t.slug)).toEqual(['ai', 'central-banks', 'rates', 'stocks', 'summits']);
      });

      it('gives neighbours within the language, menu articles, and sitemap and news stubs newest first', async () => {
        const { newer, older } = await catalog.neighbours({ key: 'en/news/stocks', lang: 'en' });
        expect([newer?.title, older?.title]).toEqual(['AI summit opens in Paris', 'Central bank holds rates']);
        const last = await catalog.neighbours({ key: 'en/about', lang: 'en' });
        expect([last.newer?.title, last.older]).toEqual(['Central bank holds rates', undefined]);
        expect(await catalog.neighbours({ key: 'zh-HK/news/ai', lang: 'zh-HK' })).toEqual({ newer: undefined, older: undefined });
        expect(titles(await catalog.menuArticles('en', 'main'))).toEqual(['About this newsroom']);
        expect((await catalog.articleStubs('en', 1, 2)).map((s) => s.slug.join('/'))).toEqual(['news/stocks', 'news/rates']);
        // A sitemap dates an article by its newest correction where it has one (rates: corrected 2025-03-05).
        expect((await catalog.articleStubs('en', 2, 1))[0]?.lastmod).toBe(Date.parse('2025-03-05T09:00:00Z'));
        expect((await catalog.articleStubs('en', 1, 1))[0]?.lastmod).toBeUndefined();
        const stubs = await catalog.newsStubs('en', Date.parse('2025-03-02T00:00:00Z'), 10);
        // The sponsored article (stocks) is left out of the news sitemap.
        expect(stubs).toEqual([{ lang: 'en', slug: ['news', 'ai'], date: Date.parse('2025-03-03T08:00:00Z'), title: 'AI summit opens in Paris' }]);
        expect(await catalog.newsStubs('en', Date.parse('2025-03-01T00:00:00Z'), 1)).toHaveLength(1);
      });

      it("lists each author's articles by id, whether named by id or name, and the corrected articles", async () => {
        // Named as the newest article writes it, as terms are.
        expect(await catalog.newsroomList('en', 'authors', 'jane-doe')).toEqual({ name: 'jane-doe', count: 2 });
        expect(titles(await catalog.newsroomArticles('en', 'authors', 'jane-doe', 0, 10))).toEqual([
          'Stocks rally on chip earnings',
          'Central bank holds rates',
        ]);
        expect(titles(await catalog.newsroomArticles('en', 'authors', 'jane-doe', 1, 10))).toEqual(['Central bank holds rates']);
        expect(await catalog.newsroomList('en', 'authors', 'li-wei')).toEqual({ name: 'Li Wei', count: 1 });
        expect(await catalog.newsroomList('zh-CN', 'authors', 'jane-doe')).toBeUndefined();
        expect(await catalog.newsroomList('en', 'corrected', '')).toEqual({ name: '', count: 2 });
        expect(titles(await catalog.newsroomArticles('en', 'corrected', '', 0, 10))).toEqual(['AI summit opens in Paris', 'Central bank holds rates']);
        const rates = (await catalog.article('en', ['news', 'rates']))!;
        expect(rates.corrections).toEqual([
          { date: Date.parse('2025-03-05T09:00:00Z'), text: 'The rate was 4.5%, not 4.25%.' },
          { date: Date.parse('2025-03-02T08:00:00Z'), text: "The bank's name was misspelt." },
        ]);
        expect(rates.authors).toEqual(['Jane Doe']);
        expect((await catalog.article('en', ['news', 'ai']))?.type).toBe('opinion');
      });
    });

    describe('corrections', () => {
      const entries = async (lang: string, offset = 0, limit = 10) =>
        (await catalog.recentCorrections(lang, offset, limit)).map((c) => [new Date(c.date).toISOString(), c.article.key, c.text]);

      it("lists a language's corrections newest first by their own dates, not their articles', a page at a time", async () => {
        expect(await entries('en')).toEqual([
          ['2025-03-05T09:00:00.000Z', 'en/news/rates', 'The rate was 4.5%, not 4.25%.'],
          ['2025-03-04T10:00:00.000Z', 'en/news/ai', 'An earlier version misnamed the host city.'],
          ['2025-03-02T08:00:00.000Z', 'en/news/rates', "The bank's name was misspelt."],
        ]);
        expect(await entries('en', 1, 1)).toEqual([['2025-03-04T10:00:00.000Z', 'en/news/ai', 'An earlier version misnamed the host city.']]);
        expect(await entries('en', 3, 10)).toEqual([]);
        expect(await entries('en', 0, 0)).toEqual([]);
        expect(await entries('zh-HK')).toEqual([]);
        // The entry carries its article, as the page links it.
        expect((await catalog.recentCorrections('en', 0, 1))[0]?.article.title).toBe('Central bank holds rates');
      });

      it('follows an article as corrections are added to it, and forgets them when it is taken down', async () => {
        const file = 'zh-HK/news/fix.md';
        const fields = { title: '港股收市', date: '2025-03-01 09:00:00', lang: 'zh-HK' };
        const start = await store.changes.position();
        content.write(file, article(fields, '恒指收市上升。\n', { corrections: '\n  - date: "2025-03-06 10:00:00"\n    text: "恒指升幅應為百分之一。"' }));
        await store.sync();
        expect(await entries('zh-HK')).toEqual([['2025-03-06T10:00:00.000Z', 'zh-HK/news/fix', '恒指升幅應為百分之一。']]);
        content.write(
          file,
          article(fields, '恒指收市上升。\n', {
            corrections: '\n  - date: "2025-03-06 10:00:00"\n    text: "恒指升幅應為百分之一。"\n  - date: "2025-03-07 11:00:00"\n    text: "更正收市時間。"',
          }),
        );
        await store.sync();
        expect((await entries('zh-HK')).map(([date, , text]) => [date, text])).toEqual([
          ['2025-03-07T11:00:00.000Z', '更正收市時間。'],
          ['2025-03-06T10:00:00.000Z', '恒指升幅應為百分之一。'],
        ]);
        rmSync(path.join(content.dir, file));
        await store.sync();
        expect(await entries('zh-HK')).toEqual([]);
        // Each change says the article was corrected (before, after or both), so its language's corrections page is refreshed.
        const log = (await store.changes.changesSince(start.seq)) ?? [];
        expect(log).toHaveLength(3);
        for (const record of log) expect('touched' in record && record.touched.every((t) => t.corrected === true)).toBe(true);
        expect(await entries('en')).toHaveLength(3);
      });
    });

    describe('full-text search', () => {
      const keysOf = async (ids: number[]) => (await catalog.byIds(ids)).map((a) => a.key);

      it('finds Chinese in both scripts, newest first, with limit and offset', async () => {
        const simplified = queryOf('峰会');
        expect(await search.count(simplified)).toBe(3);
        expect(await keysOf(await search.ids(simplified, 10, 0))).toEqual(['zh-HK/news/ai', 'zh-CN/news/ai', 'en/news/ai']);
        expect(await keysOf(await search.ids(queryOf('峰會'), 10, 0))).toEqual(['zh-HK/news/ai', 'zh-CN/news/ai', 'en/news/ai']);
        expect(await keysOf(await search.ids(simplified, 2, 1))).toEqual(['zh-CN/news/ai', 'en/news/ai']);
        expect(await search.ids(simplified, 10, 3)).toEqual([]);
        expect(await keysOf(await search.ids(queryOf('人工智能行动峰会在巴黎开幕'), 10, 0))).toEqual(['zh-HK/news/ai', 'zh-CN/news/ai']);
      });

      it('finds one-character queries, and mixed Chinese and Latin', async () => {
        expect(await search.count(queryOf('峰'))).toBe(3);
        expect(await keysOf(await search.ids(queryOf('股'), 10, 0))).toEqual(['zh-CN/news/markets']);
        expect(await keysOf(await search.ids(queryOf('AI 峰会'), 10, 0))).toEqual(['en/news/ai']);
        expect(await search.count(queryOf('Paris 峰会'))).toBe(1);
      });

      it('matches stems, title-only tokens, prefixes, exclusions and alternatives', async () => {
        expect(await keysOf(await search.ids(queryOf('rates'), 10, 0))).toEqual(['en/news/stocks', 'en/news/rates']);
        expect(await keysOf(await search.ids({ title: queryOf('rates') }, 10, 0))).toEqual(['en/news/rates']);
        expect(await search.count({ title: queryOf('峰会') })).toBe(2);
        expect(await search.count(queryOf('summ'))).toBe(0);
        expect(await keysOf(await search.ids(queryOf('summ', { prefixLast: true }), 10, 0))).toEqual(['en/news/ai']);
        expect(await keysOf(await search.ids({ title: { token: 'summ', prefix: true } }, 10, 0))).toEqual(['en/news/ai']);
        expect(await keysOf(await search.ids({ but: [queryOf('rates'), queryOf('stocks')] }, 10, 0))).toEqual(['en/news/rates']);
        expect(await keysOf(await search.ids({ any: [queryOf('美股'), queryOf('inflation')] }, 10, 0))).toEqual(['zh-CN/news/markets', 'en/news/rates']);
        // Every title word of the tier queries the search ranks by.
        const tier = { all: [queryOf('central rates'), { title: queryOf('central') }, { title: queryOf('rates') }] };
        expect(await search.count(tier)).toBe(1);
      });

      it('limits to a language, at the top of a query or inside it', async () => {
        expect(await keysOf(await search.ids(queryOf('峰会', { lang: 'zh-HK' }), 10, 0))).toEqual(['zh-HK/news/ai']);
        expect(await search.count(queryOf('峰会', { lang: 'en' }))).toBe(1);
        expect(await search.count(queryOf('峰会', { lang: 'fr' }))).toBe(0);
        expect(await keysOf(await search.ids({ any: [{ lang: 'zh-HK' }, queryOf('summit')] }, 10, 0))).toEqual(['zh-HK/news/ai', 'en/news/ai']);
        expect(await search.count({ all: [{ lang: 'en' }, { lang: 'zh-CN' }, queryOf('峰会')] })).toBe(0);
        const ids = await search.ids(queryOf('峰会'), 10, 0);
        expect(await keysOf(await search.inLanguage(ids, 'zh-CN'))).toEqual(['zh-CN/news/ai']);
        expect(languageToken('zh-CN')).toBe('lzhcn');
        const titlesById = await search.titles(ids);
        expect(titlesById.get(ids[1] as number)).toBe('人工智能行动峰会在巴黎开幕');
        expect(titlesById.size).toBe(3);
      });

      it('finds nothing, and fails on nothing, for tokens no index holds', async () => {
        for (const token of ["it's", "'", '\\', "\\'", "') | ('a", 'rate:*', '!rate', '&', '', ' ', 'a\u0000b', '^rate', '@len', 'x'.repeat(5000)]) {
          expect(await search.count({ token }), JSON.stringify(token.slice(0, 20))).toBe(0);
          expect(await search.ids({ all: [{ token }, queryOf('rates')] }, 10, 0)).toEqual([]);
          expect(await search.count({ token, prefix: true })).toBe(0);
          expect(await keysOf(await search.ids({ but: [queryOf('rates'), { token }] }, 10, 0))).toEqual(['en/news/stocks', 'en/news/rates']);
        }
      });
    });

    describe('takedowns and moves', () => {
      it("remembers a URL taken down as gone, and an article's old URLs and a moved file as redirects", async () => {
        content.write(
          'en/news/moving.md',
          corpusShaped({ title: '"Moving story"', date: '"2025-03-05 06:00:00"', aliases: '["/en/news/moving-before", "/zh-cn/搬家"]' }, 'Text.\n'),
        );
        content.write('en/news/doomed.md', corpusShaped({ title: '"Doomed story"', date: '"2025-03-05 05:00:00"' }, 'Text.\n'));
        await store.sync();
        expect(await catalog.formerly('en', ['news', 'moving-before'])).toEqual({ redirect: '/en/news/moving' });
        expect(await catalog.formerly('zh-CN', ['搬家'])).toEqual({ redirect: '/en/news/moving' });
        expect(await catalog.formerly('en', ['news', 'moving'])).toBeUndefined();

        rmSync(path.join(content.dir, 'en/news/doomed.md'));
        content.write('en/news/moving.md', corpusShaped({ title: '"Moving story"', date: '"2025-03-05 06:00:00"', unpublish: 'true' }, 'Text.\n'));
        content.write('en/news/moved.md', corpusShaped({ title: '"Moved"', date: '"2025-03-05 04:00:00"', redirect: '"https://elsewhere.example/story"' }, ''));
        await store.sync();
        expect(await catalog.formerly('en', ['news', 'doomed'])).toEqual({ gone: true });
        expect(await catalog.formerly('en', ['news', 'moving'])).toEqual({ gone: true });
        expect(await catalog.formerly('en', ['news', 'moving-before'])).toBeUndefined();
        expect(await catalog.formerly('en', ['news', 'moved'])).toEqual({ redirect: 'https://elsewhere.example/story' });
        expect(await catalog.article('en', ['news', 'moved'])).toBeUndefined();
        expect(titles(await catalog.articles('en', 0, 10))).not.toContain('Moving story');

        rmSync(path.join(content.dir, 'en/news/moving.md'));
        rmSync(path.join(content.dir, 'en/news/moved.md'));
        content.write('en/news/doomed.md', corpusShaped({ title: '"Doomed story, back"', date: '"2025-03-05 05:00:00"' }, 'Text.\n'));
        await store.sync();
        expect(await catalog.formerly('en', ['news', 'doomed'])).toBeUndefined();
        expect(await catalog.formerly('en', ['news', 'moved'])).toBeUndefined();
        rmSync(path.join(content.dir, 'en/news/doomed.md'));
        await store.sync();
      });
    });

    describe('the change feed', () => {
      it('tells each change, with the articles it touched, and keeps the log to catch up from', async () => {
        const start = await store.changes.position();
        expect(start.id).not.toBe('');
        const heard: ChangeRecord[] = [];
        const stop = store.changes.onChange((record) => heard.push(record));
        try {
          await new Promise((resolve) => setTimeout(resolve, 300));
          content.write(
            'en/news/late.md',
            article({ title: 'Late edition', date: '2025-03-05 07:00:00', lang: 'en', categories: ['Markets'] }, 'Late news.\n'),
          );
          await store.sync();
          const added = await waitFor(
            () => heard.find((record) => 'touched' in record && record.touched.some((t) => t.slug.join('/') === 'news/late')),
            'the new article',
          );
          expect(added.seq).toBeGreaterThan(start.seq);
          expect('touched' in added && added.touched).toEqual([
            { lang: 'en', slug: ['news', 'late'], categories: ['Markets'], tags: [], menu: false, newer: undefined, older: 'en/news/ai' },
          ]);
          expect(titles(await catalog.articles('en', 0, 1))).toEqual(['Late edition']);
          expect((await catalog.term('en', 'categories', 'markets'))?.count).toBe(3);

          rmSync(path.join(content.dir, 'en/news/late.md'));
          await store.sync();
          const removed = await waitFor(() => heard.find((record) => record.seq > added.seq), 'the removal');
          expect('touched' in removed && removed.touched.map((t) => t.slug.join('/'))).toEqual(['news/late']);
          // Taken down while the newest of its language: the recent articles on every page showed it.
          expect('touched' in removed && removed.touched[0]).toMatchObject({ removed: true, newerCount: 0 });
          expect(await catalog.article('en', ['news', 'late'])).toBeUndefined();
          expect((await catalog.term('en', 'categories', 'markets'))?.count).toBe(2);

          const now = await store.changes.position();
          expect(now).toEqual({ id: start.id, seq: removed.seq });
          const log = await store.changes.changesSince(start.seq);
          expect(log?.map((record) => record.seq)).toEqual([added.seq, removed.seq]);
          expect(await store.changes.changesSince(now.seq)).toEqual([]);
        } finally {
          stop();
        }
      });
    });

    describe('authors', () => {
      const jane = {
        id: 'jane-doe',
        name: 'Jane Doe',
        bio: { en: 'Covers markets and central banks.', 'zh-CN': '报道市场与央行。' },
        photo: '/images/jane.png',
        links: [{ url: 'https://example.org/jane' }, { url: 'https://example.com/jd', name: 'Notes' }],
        file: 'authors/jane-doe.md',
      };

      it("keeps each author file as a description, never as an article, and lists a language's authors", async () => {
        expect(await catalog.authorDescriptions(['li-wei', 'jane-doe', 'nobody', 'jane-doe'])).toEqual([jane]);
        expect(await catalog.authorDescriptions([])).toEqual([]);
        expect(await catalog.article('en', ['authors', 'jane-doe'])).toBeUndefined();
        expect(await catalog.count('en')).toBe(4);
        expect(await catalog.authorsIn('en')).toEqual([
          { id: 'jane-doe', name: 'jane-doe', count: 2 },
          { id: 'li-wei', name: 'Li Wei', count: 1 },
        ]);
        expect(await catalog.authorsIn('zh-HK')).toEqual([]);
        expect(await catalog.authorCount('en')).toBe(2);
        expect(await catalog.authorCount('zh-HK')).toBe(0);
      });

      it('logs an edited description with the articles that show it, and forgets a deleted one', async () => {
        const start = await store.changes.position();
        const authorsLogged = async (after: number) =>
          ((await store.changes.changesSince(after)) ?? []).map((record) =>
            'touched' in record ? { touched: record.touched, authors: record.authors } : record,
          );
        try {
          content.write('authors/jane-doe.md', '---\nname: "Jane Q. Doe"\nbio: "Markets."\n---\n');
          await store.sync();
          expect(await catalog.authorDescriptions(['jane-doe'])).toEqual([
            { id: 'jane-doe', name: 'Jane Q. Doe', bio: 'Markets.', links: [], file: 'authors/jane-doe.md' },
          ]);
          // Her articles' pages show her byline and box: named, newest first; no article changed.
          expect(await authorsLogged(start.seq)).toEqual([{ touched: [], authors: [{ id: 'jane-doe', keys: ['en/news/stocks', 'en/news/rates'] }] }]);
          const edited = await store.changes.position();

          // Unchanged: nothing logged. Broken: the last good description stays.
          await store.sync();
          content.write('authors/jane-doe.md', '---\nname: [unclosed\n---\n');
          await store.sync();
          expect((await catalog.authorDescriptions(['jane-doe']))[0]?.name).toBe('Jane Q. Doe');
          expect(await store.changes.changesSince(edited.seq)).toEqual([]);

          rmSync(path.join(content.dir, 'authors/jane-doe.md'));
          await store.sync();
          expect(await catalog.authorDescriptions(['jane-doe'])).toEqual([]);
          expect(await authorsLogged(edited.seq)).toEqual([{ touched: [], authors: [{ id: 'jane-doe', keys: ['en/news/stocks', 'en/news/rates'] }] }]);
        } finally {
          content.write('authors/jane-doe.md', JANE_DOE);
          await store.sync();
        }
        expect(await catalog.authorDescriptions(['jane-doe'])).toEqual([jane]);
      });
    });

    describe(`the ${engine} store's schedules`, () => {
      const NOW = CONTRACT_NOW;
      let clock = NOW;
      let content: TempContent;
      let store: StoreUnderTest;
      const at = (ms: number) => new Date(NOW + ms).toISOString();
      const scheduled = (title: string, extra: string) =>
        corpusShaped(
          {
            title: JSON.stringify(title),
            date: '"2025-12-01 00:00:00"',
            categories: '\n  - "Desk"',
            ...Object.fromEntries(
              extra
                .split('\n')
                .filter(Boolean)
                .map((line) => line.split(/: (.*)/s).slice(0, 2)),
            ),
          },
          `${title}.\n`,
        );
      const titles = async () => (await store.catalog.articles('en', 0, 10)).map((a) => a.title);

      beforeAll(async () => {
        content = new TempContent()
          .write('en/held.md', scheduled('Held by publishDate', `publishDate: "${at(5_000)}"`))
          .write('en/pubdate.md', scheduled('Held by pubdate', `pubdate: "${at(60_000)}"`))
          .write('en/expiring.md', scheduled('Expiring', `expiryDate: "${at(5_000)}"\nbreaking: "Ferries suspended"`))
          .write('en/expired.md', scheduled('Expired long ago', `unpublishdate: "${at(-60_000)}"`))
          .write('en/window.md', scheduled('Shown for a while', `published: "${at(5_000)}"\nexpirydate: "${at(10_000)}"`))
          .write('en/plain.md', scheduled('Plain', ''));
        store = await factory(content.dir, () => clock);
      });
      afterAll(async () => {
        await store?.close();
        content?.remove();
      });

      it('holds back an article until its publishDate (or an alias) and takes it down at its expiryDate, at each moment, 410 once expired', async () => {
        expect((await titles()).sort()).toEqual(['Expiring', 'Plain']);
        expect((await store.catalog.term('en', 'categories', 'desk'))?.count).toBe(2);
        // Expired before this store ever read it: gone (410) all the same, never a 404.
        expect(await store.catalog.formerly('en', ['expired'])).toEqual({ gone: true });
        expect(await store.catalog.article('en', ['held'])).toBeUndefined();
        expect(await store.catalog.formerly('en', ['held'])).toBeUndefined();
        // Breaking news is a list of its own in the language, and leaves with its article.
        expect((await store.catalog.breaking('en', 10)).map((a) => [a.title, a.breaking])).toEqual([['Expiring', { text: 'Ferries suspended' }]]);
        expect(await store.catalog.breaking('zh-CN', 10)).toEqual([]);

        clock = NOW + 5_000;
        await store.publishDue();
        expect((await titles()).sort()).toEqual(['Held by publishDate', 'Plain', 'Shown for a while']);
        expect(await store.catalog.formerly('en', ['expiring'])).toEqual({ gone: true });
        expect(await store.catalog.breaking('en', 10)).toEqual([]);
        expect((await store.catalog.article('en', ['held']))?.publishDate).toBe(NOW + 5_000);
        expect((await store.catalog.articleStubs('en', 0, 10)).map((stub) => stub.slug.join('/')).sort()).toEqual(['held', 'plain', 'window']);

        clock = NOW + 10_000;
        await store.publishDue();
        expect((await titles()).sort()).toEqual(['Held by publishDate', 'Plain']);
        expect(await store.catalog.formerly('en', ['window'])).toEqual({ gone: true });
        expect(await store.search.count(queryOf('shown while'))).toBe(0);

        clock = NOW + 60_000;
        await store.publishDue();
        expect(await titles()).toContain('Held by pubdate');
        expect((await store.catalog.term('en', 'categories', 'desk'))?.count).toBe(3);
      });
    });
  });
}
