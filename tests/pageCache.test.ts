import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { areTagsExpired, areTagsStale, tagsManifest } from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js';
import { afterEach, describe, expect, it } from 'vitest';
import { PageStore } from '@/lib/server/pageCache/cacheHandler.mjs';
import {
  allPagesTag,
  languageTag,
  listTag,
  pageTags,
  pathTag,
  SIDEBAR_GROUPS,
  sidebarGroup,
  sidebarTag,
  sitemapIndexTag,
  sitemapTag,
  takedownTag,
  taxonomyTag,
  termTag,
} from '@/lib/server/pageCache/pageTags.mjs';
import { SidebarSchedule } from '@/lib/server/revalidation/sidebarSchedule';
import type { ChangeRecord } from '@/lib/store';
import { touchedBy } from '@/lib/store/sqlite/catalogWriter';
import { followContentChanges } from '@/lib/server/revalidation';
import { changeRefresh } from '@/lib/server/revalidation/changeTags';
import { articleMeta } from './helpers/articleMeta';

const MB = 1024 * 1024;
let dir: string;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const key = (pathname: string) => `/route-cache/APP_PAGE/${'0'.repeat(64)}/$${pathname}`;
/** A page as Next.js hands it to the cache: HTML, RSC payload, segment data, headers. */
const page = (html: string) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc:${html}`),
  segmentData: new Map([['/_tree', Buffer.from('tree')]]),
  headers: { 'x-next-cache-tags': '_N_T_/layout' },
  status: 200,
});
const store = (options: Partial<ConstructorParameters<typeof PageStore>[0]> = {}) =>
  new PageStore({ dir, buildId: 'build-1', diskBytes: 64 * MB, memoryBytes: 8 * MB, ...options });

describe('page tags', () => {
  it('name each page by what it shows', () => {
    expect(pageTags('/en')).toEqual([allPagesTag, languageTag('en'), pathTag('/en'), sidebarTag('en', sidebarGroup('/en')), listTag('en')]);
    expect(pageTags('/en/page/3')).toContain(listTag('en'));
    expect(pageTags('/en/tags')).toContain(taxonomyTag('en', 'tags'));
    expect(pageTags('/zh-CN/tags/美股/page/2')).toContain(termTag('zh-CN', 'tags', '美股'));
    const article = pageTags('/en/news/city/bridge');
    expect(article).toEqual([allPagesTag, languageTag('en'), pathTag('/en/news/city/bridge'), sidebarTag('en', sidebarGroup('/en/news/city/bridge'))]);
  });

  it('spread the pages of a language evenly over the sidebar groups', () => {
    const counts = new Array<number>(SIDEBAR_GROUPS).fill(0);
    for (let i = 0; i < 30_000; i++) counts[sidebarGroup(`/en/news/wire/${i.toString(36)}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });

  it('name a social image by its path, and sitemaps by their language, outside the pages of a language', () => {
    expect(pageTags('/og/zh-CN/news/%E5%A4%A9%E6%B0%94')).toEqual([allPagesTag, pathTag('/og/zh-CN/news/天气')]);
    expect(pageTags('/sitemaps/en-2.xml')).toEqual([allPagesTag, sitemapTag('en')]);
    expect(pageTags('/sitemaps/news/zh-HK.xml')).toEqual([allPagesTag, sitemapTag('zh-HK')]);
    expect(pageTags('/sitemaps/index.xml')).toEqual([allPagesTag, sitemapIndexTag]);
    for (const pathname of ['/og/en/news/a', '/sitemaps/en-1.xml']) expect(pageTags(pathname)).not.toContain(languageTag('og'));
  });

  it('are the same whether the path came encoded or decoded', () => {
    expect(pageTags('/zh-CN/tags/%E7%BE%8E%E8%82%A1')).toEqual(pageTags('/zh-CN/tags/美股'));
    expect(pathTag('/zh-CN/news/天气')).toBe(pageTags('/zh-CN/news/%E5%A4%A9%E6%B0%94')[2]);
  });
});

describe('the sidebar refresh', () => {
  const period = 300_000;

  it('after a quiet spell, reaches every group between half a period and a period after the change, evenly spread', () => {
    const delays = new SidebarSchedule(period).delays('en', 1_234_567);
    expect(delays).toHaveLength(SIDEBAR_GROUPS);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(period / 2);
      expect(delay).toBeLessThan(period);
    }
    const sorted = [...delays].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeCloseTo(period / 2 / SIDEBAR_GROUPS, -1);
  });

  it('while changes keep coming, refreshes each group at most once a period, and still within one', () => {
    const schedule = new SidebarSchedule(period);
    const first = schedule.delays('en', 0);
    schedule.refreshed('en', 0, first[0]!);
    // A change 30 s after group 0 refreshed: group 0 waits out its period, the others keep theirs.
    const now = first[0]! + 30_000;
    const next = schedule.delays('en', now);
    expect(now + next[0]!).toBe(first[0]! + period);
    expect(next[0]!).toBeLessThanOrEqual(period);
    expect(next[5]).toBe(first[5]);
    // Another language has its own groups.
    expect(schedule.delays('zh-CN', now)[0]).toBe(first[0]);
  });
});

describe('what a change refreshes', () => {
  const meta = articleMeta('en', ['news', 'city', 'ferry'], { categories: ['City'], tags: ['Night life'] });
  const refresh = changeRefresh(touchedBy({ changes: [{ key: meta.key, after: { meta, newer: 'en/news/a', older: 'en/news/b' } }] }), ['en', 'zh-CN']);

  it('is the article, its lists, its terms, its neighbours, its other languages, its social image and the sitemaps', () => {
    expect(refresh.tags.sort()).toEqual(
      [
        pathTag('/en/news/city/ferry'),
        pathTag('/zh-CN/news/city/ferry'),
        pathTag('/og/en/news/city/ferry'),
        sitemapTag('en'),
        sitemapIndexTag,
        listTag('en'),
        termTag('en', 'categories', 'city'),
        termTag('en', 'tags', 'night-life'),
        taxonomyTag('en', 'categories'),
        taxonomyTag('en', 'tags'),
        pathTag('/en/news/a'),
        pathTag('/en/news/b'),
      ].sort(),
    );
    expect(refresh.sidebarLanguages).toEqual(['en']);
  });

  it('never names another article, nor every page of the language, unless a menu changed', () => {
    expect(refresh.tags).not.toContain(pathTag('/en/news/city/other'));
    expect(refresh.tags).not.toContain(languageTag('en'));
    const inMenu = { ...meta, menu: ['main'] };
    expect(changeRefresh(touchedBy({ changes: [{ key: meta.key, before: { meta: inMenu } }] }), ['en']).tags).toContain(languageTag('en'));
  });

  it("names its language's corrections page when the article had or has corrections, and only then", () => {
    expect(refresh.tags).not.toContain(pathTag('/en/corrections'));
    const corrected = { ...meta, corrections: [{ date: meta.date + 1, text: 'Fixed a name.' }] };
    expect(changeRefresh(touchedBy({ changes: [{ key: meta.key, after: { meta: corrected } }] }), ['en', 'zh-CN']).tags).toContain(pathTag('/en/corrections'));
    // A correction taken out again: the page must drop it.
    const tags = changeRefresh(touchedBy({ changes: [{ key: meta.key, before: { meta: corrected }, after: { meta } }] }), ['en', 'zh-CN']).tags;
    expect(tags).toContain(pathTag('/en/corrections'));
    expect(tags).not.toContain(pathTag('/zh-CN/corrections'));
  });

  it('names the terms the article left as well as those it joined', () => {
    const before = { ...meta, tags: ['Old tag'] };
    const tags = changeRefresh(touchedBy({ changes: [{ key: meta.key, before: { meta: before }, after: { meta } }] }), ['en']).tags;
    expect(tags).toEqual(expect.arrayContaining([termTag('en', 'tags', 'old-tag'), termTag('en', 'tags', 'night-life')]));
  });

  it('marks a takedown, and names every page of its language when the recent articles showed it', () => {
    const takenDown = (newerCount?: number) =>
      changeRefresh(touchedBy({ changes: [{ key: meta.key, before: { meta, newer: 'en/news/a', older: 'en/news/b', newerCount } }] }), ['en'], [], 10).tags;
    // One of the ten newest: in the sidebar of every page of English.
    expect(takenDown(0)).toEqual(expect.arrayContaining([takedownTag, languageTag('en'), listTag('en'), pathTag('/en/news/city/ferry')]));
    expect(takenDown(9)).toContain(languageTag('en'));
    // Older: its own pages only, still marked.
    expect(takenDown(10)).toContain(takedownTag);
    expect(takenDown(10)).not.toContain(languageTag('en'));
    // Not counted (a change logged before the count existed): taken as one of the newest.
    expect(changeRefresh([{ ...touchedBy({ changes: [{ key: meta.key, before: { meta } }] })[0]!, newerCount: undefined }], ['en'], [], 10).tags).toContain(
      languageTag('en'),
    );
    // An edit or a new article is no takedown.
    expect(refresh.tags).not.toContain(takedownTag);
    expect(changeRefresh(touchedBy({ changes: [{ key: meta.key, before: { meta }, after: { meta } }] }), ['en']).tags).not.toContain(takedownTag);
  });
});

describe('the page store', () => {
  it('gives back what it was given, with the page tags added, from memory and from disk', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    const first = store();
    first.set(key('/en/tags/transport'), page('<p>list</p>'), { revalidate: false });
    const again = first.get(key('/en/tags/transport'));
    expect(again?.value).toMatchObject({ html: '<p>list</p>' });
    // A restarted server reads it from disk, Buffers and Maps intact.
    const restarted = store();
    const fromDisk = restarted.get(key('/en/tags/transport')) as { value: ReturnType<typeof page>; cacheControl: unknown } | null;
    expect(Buffer.isBuffer(fromDisk?.value.rscData)).toBe(true);
    expect(fromDisk?.value.segmentData.get('/_tree')?.toString()).toBe('tree');
    expect(fromDisk?.cacheControl).toEqual({ revalidate: false });
    expect(fromDisk?.value.headers['x-next-cache-tags'].split(',')).toEqual(['_N_T_/layout', ...pageTags('/en/tags/transport')]);
  });

  it('stays under its disk bound, dropping the least recently used pages', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    let clock = 1_000;
    const pages = store({ diskBytes: 2 * MB, memoryBytes: 0, now: () => clock });
    // Incompressible pages of about 60 KB: 100 of them are three times the bound.
    const noise = (i: number) => `${i}:${randomBytes(45_000).toString('base64')}`;
    pages.set(key('/en/news/kept'), page(noise(0)), undefined);
    for (let i = 1; i <= 100; i++) {
      clock += 10;
      pages.set(key(`/en/news/${i}`), page(noise(i)), undefined);
      // One page is read all along: it is recently used and stays.
      expect(pages.get(key('/en/news/kept'))).not.toBeNull();
    }
    pages.flushAccess();
    const stats = pages.stats();
    expect(stats.evictions).toBeGreaterThan(50);
    expect(stats.payloadBytes).toBeLessThan(2 * MB);
    expect(pages.fileBytes()).toBeLessThan(2 * MB);
    expect(pages.get(key('/en/news/1'))).toBeNull();
    expect(pages.get(key('/en/news/100'))).not.toBeNull();
    expect(pages.get(key('/en/news/kept'))).not.toBeNull();
  });

  it('keeps its memory tier under its bound', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    const pages = store({ memoryBytes: 1 * MB });
    for (let i = 0; i < 50; i++) pages.set(key(`/en/news/${i}`), page('x'.repeat(50_000)), undefined);
    expect(pages.stats().memoryBytes).toBeLessThanOrEqual(1 * MB);
    expect(pages.stats().memoryPages).toBeLessThan(50);
  });

  it('marks tags stale or expired where Next.js looks, and remembers them after a restart', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    let clock = 5_000;
    const pages = store({ now: () => clock });
    pages.set(key('/en'), page('home'), undefined);
    clock = 6_000;
    pages.revalidateTags([listTag('en')], 'expire');
    pages.revalidateTags([languageTag('en')], 'stale');
    expect(tagsManifest.get(listTag('en'))).toEqual({ expired: 6_000 });
    expect(tagsManifest.get(languageTag('en'))).toEqual({ stale: 6_000 });
    tagsManifest.clear();
    store({ now: () => clock });
    expect(tagsManifest.get(listTag('en'))).toEqual({ expired: 6_000 });
  });

  it('renders pages stale for their sidebars one at a time, paced to a share of the time, and never paces a content change', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    tagsManifest.clear();
    let clock = 10_000;
    const pages = store({ now: () => clock, refreshShare: 0.2 });
    const [a, b, c] = ['/en/pacer/a', '/en/pacer/b', '/en/pacer/c'];
    for (const pathname of [a, b, c]) pages.set(key(pathname), page(pathname), undefined);
    // What Next.js decides from an entry the store hands out: render before serving, render in the background, or serve.
    const seen = (pathname: string) => {
      const entry = pages.get(key(pathname))!;
      const tags = (entry.value as { headers: Record<string, string> }).headers['x-next-cache-tags']?.split(',') ?? [];
      return areTagsExpired(tags, entry.lastModified) ? 'expired' : areTagsStale(tags, entry.lastModified) ? 'stale' : 'fresh';
    };
    clock = 11_000;
    pages.revalidateTags([pathTag(a), pathTag(b)], 'stale');
    clock = 11_010;
    expect(seen(a)).toBe('stale'); // its turn: rendered in the background
    expect(seen(b)).toBe('fresh'); // one at a time: served as it is for now
    expect(seen(a)).toBe('fresh'); // asked again while it renders: not rendered twice
    pages.revalidateTags([pathTag(c)], 'expire');
    expect(seen(c)).toBe('expired'); // its content changed: never paced
    clock = 11_050; // a's render took 40 ms: the next may start 160 ms later (a fifth of the time)
    pages.set(key(a), page(a), undefined);
    expect(seen(a)).toBe('fresh');
    clock = 11_200;
    expect(seen(b)).toBe('fresh');
    clock = 11_211;
    expect(seen(b)).toBe('stale');
    tagsManifest.clear();
  });

  it('keeps a render that began before a change as outdated, and has the caches in front fetch that page again', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    tagsManifest.clear();
    let clock = 20_000;
    const pages = store({ now: () => clock });
    const told: [readonly string[], string][] = [];
    pages.onRevalidate((tags, mode) => told.push([tags, mode]));
    const seen = (pathname: string) => {
      const entry = pages.get(key(pathname))!;
      const tags = (entry.value as { headers: Record<string, string> }).headers['x-next-cache-tags']?.split(',') ?? [];
      return areTagsExpired(tags, entry.lastModified) ? 'expired' : areTagsStale(tags, entry.lastModified) ? 'stale' : 'fresh';
    };
    // The home is asked for (not cached: its render begins), a new article expires the lists
    // while it renders, and the render, which read the lists before, lands after.
    expect(pages.get(key('/en'))).toBeNull();
    clock = 20_100;
    pages.revalidateTags([listTag('en')], 'expire');
    told.length = 0;
    clock = 20_400;
    pages.set(key('/en'), page('home without the new article'), undefined);
    expect(seen('/en')).toBe('expired');
    expect(told).toEqual([[[pathTag('/en')], 'stale']]);
    // Its next render begins after the change: fresh, and nobody is told anything.
    told.length = 0;
    clock = 20_500;
    pages.set(key('/en'), page('home with the new article'), undefined);
    expect(seen('/en')).toBe('fresh');
    expect(told).toEqual([]);
    // A page cached, then expired, asked for (its render begins), nothing marked meanwhile: fresh.
    clock = 21_000;
    pages.revalidateTags([listTag('en')], 'expire');
    told.length = 0;
    clock = 21_100;
    expect(seen('/en')).toBe('expired');
    clock = 21_300;
    pages.set(key('/en'), page('home again'), undefined);
    expect(seen('/en')).toBe('fresh');
    expect(told).toEqual([]);
    // A page handed out fresh is no render: a later set without a get is dated when it lands.
    clock = 22_000;
    expect(seen('/en')).toBe('fresh');
    clock = 22_500;
    pages.revalidateTags([listTag('en')], 'expire');
    clock = 23_000;
    pages.set(key('/en'), page('home set by revalidation'), undefined);
    expect(seen('/en')).toBe('fresh');
    tagsManifest.clear();
  });

  it('keeps no error a route answered: a missing article’s image, a drawing refused while busy', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    const pages = store();
    const routeKey = (pathname: string) => `/route-cache/APP_ROUTE/${'0'.repeat(64)}/$${pathname}`;
    const image = (status: number) => ({ kind: 'APP_ROUTE', status, body: Buffer.from(`image ${status}`), headers: { 'content-type': 'image/png' } });
    pages.set(routeKey('/og/en/news/none'), image(404), { revalidate: false });
    expect(pages.get(routeKey('/og/en/news/none'))).toBeNull();
    expect(pages.stats().pages).toBe(0);
    // A drawing refused while its stale image is refreshed leaves that image in place.
    pages.set(routeKey('/og/en/news/a'), image(200), { revalidate: false });
    pages.set(routeKey('/og/en/news/a'), image(503), { revalidate: false });
    const kept = pages.get(routeKey('/og/en/news/a')) as { value: { status: number; headers: Record<string, string> } } | null;
    expect(kept?.value.status).toBe(200);
    expect(kept?.value.headers['x-next-cache-tags']?.split(',')).toEqual(pageTags('/og/en/news/a'));
  });

  it('starts empty for another build', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    store().set(key('/en'), page('home'), undefined);
    expect(store({ buildId: 'build-2' }).get(key('/en'))).toBeNull();
  });

  it('keeps pages in memory, and says so once, where it cannot write to disk', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    const blocked = path.join(dir, 'file');
    writeFileSync(blocked, 'not a folder');
    const pages = store({ dir: path.join(blocked, 'cache') });
    expect(pages.degraded).toMatch(/cannot be kept on disk .* memory only/);
    pages.set(key('/en'), page('home'), undefined);
    expect(pages.get(key('/en'))?.value).toMatchObject({ html: 'home' });
  });
});

describe('a page cache that missed changes (the server died between the catalog commit and the cache)', () => {
  const ferry = { lang: 'en', slug: ['news', 'city', 'ferry'], categories: [], tags: [], menu: false };
  const feed = (position: { id: string; seq: number }, log: ChangeRecord[] | undefined) => ({
    onChange: () => () => true,
    position: async () => position,
    changesSince: async (seq: number) => log?.filter((record) => record.seq > seq),
  });
  const status = (pages: PageStore, pathname: string) => {
    const entry = pages.get(key(pathname))!;
    const tags = (entry.value as { headers: Record<string, string> }).headers['x-next-cache-tags']?.split(',') ?? [];
    return areTagsExpired(tags, entry.lastModified) ? 'expired' : areTagsStale(tags, entry.lastModified) ? 'stale' : 'fresh';
  };

  it('applies, at start, the changes the catalog logged after the last one it applied', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    tagsManifest.clear();
    let clock = 1_000;
    let pages = store({ now: () => clock });
    await followContentChanges(feed({ id: 'catalog-1', seq: 4 }, []), pages);
    expect(pages.appliedChange()).toEqual({ catalog: 'catalog-1', seq: 4 });
    pages.set(key('/en/news/city/ferry'), page('old ferry'), undefined);
    pages.set(key('/en/news/city/bridge'), page('bridge'), undefined);

    // The catalog committed change 5 (the ferry article) and the process died before the cache heard of it.
    clock = 2_000;
    tagsManifest.clear();
    pages = store({ now: () => clock });
    clock = 2_010;
    await followContentChanges(feed({ id: 'catalog-1', seq: 5 }, [{ seq: 5, touched: [ferry] }]), pages);
    clock = 2_020;
    expect(status(pages, '/en/news/city/ferry')).toBe('expired');
    expect(status(pages, '/en/news/city/bridge')).toBe('fresh');
    expect(pages.appliedChange()).toEqual({ catalog: 'catalog-1', seq: 5 });
    tagsManifest.clear();
  });

  it('renders every page afresh when it cannot name what it missed: a rebuilt catalog, or a log that no longer reaches back', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pages-'));
    tagsManifest.clear();
    let clock = 1_000;
    let pages = store({ now: () => clock });
    await followContentChanges(feed({ id: 'catalog-1', seq: 4 }, []), pages);
    pages.set(key('/en/news/city/bridge'), page('bridge'), undefined);
    clock = 2_000;
    await followContentChanges(feed({ id: 'catalog-2', seq: 1 }, []), pages);
    clock = 2_010;
    expect(status(pages, '/en/news/city/bridge')).toBe('expired');
    expect(pages.appliedChange()).toEqual({ catalog: 'catalog-2', seq: 1 });

    pages.set(key('/en/news/city/bridge'), page('bridge'), undefined);
    clock = 3_000;
    tagsManifest.clear();
    pages = store({ now: () => clock });
    await followContentChanges(feed({ id: 'catalog-2', seq: 20_000 }, undefined), pages);
    clock = 3_010;
    expect(status(pages, '/en/news/city/bridge')).toBe('expired');
    tagsManifest.clear();
  });
});
