import { afterEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { newsLanguage, newsSitemapXml } from '@/lib/rendering/sitemap/newsSitemap';
import { RelatedArticles, relatingTerms } from '@/lib/search/relatedArticles';
import { Fts5Index } from '@/lib/store/sqlite/fullText';
import { loadCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

let content: TempContent | undefined;
afterEach(() => content?.remove());

const article = (title: string, date: string, extra: Record<string, string> = {}) =>
  corpusShaped({ title: JSON.stringify(title), date: JSON.stringify(date), summary: '""', ...extra });

describe('related articles', () => {
  it('relate by pairs of Han characters and meaningful words, title and summary first', () => {
    expect(relatingTerms('The rates: what the Fed said', '')).toEqual(['rate', 'fed']);
    expect(relatingTerms('美联储维持利率', '美联储今日宣布')).toEqual(expect.arrayContaining(['美联', '联储']));
    expect(relatingTerms('美联储维持利率', '美联储今日宣布').slice(0, 2)).toEqual(['美联', '联储']);
    expect(relatingTerms('美联储維持利率', '').every((term) => term.length === 2)).toBe(true);
  });

  it('ranks by terms shared, newer first among equals; one per headline; never itself; its language only', async () => {
    content = new TempContent()
      .write('en/news/a/self.en.md', article('Harbour lighthouse keeper retires', '2025-03-01 10:00:00'))
      .write('en/news/a/three.en.md', article('Harbour lighthouse keeper honoured', '2025-02-01 10:00:00'))
      .write('en/news/a/two-old.en.md', article('Lighthouse keeper cottage opens', '2025-01-01 10:00:00'))
      .write('en/news/a/two-new.en.md', article('Lighthouse keeper cottage reopens', '2025-01-05 10:00:00'))
      .write('en/news/b/two-new.en.md', article('Lighthouse keeper cottage reopens!', '2025-01-04 10:00:00'))
      .write('en/news/a/one.en.md', article('Harbour bridge reopens', '2025-02-20 10:00:00'))
      .write('zh-CN/news/a/self.zh-CN.md', article('Harbour lighthouse keeper retires', '2025-03-01 10:00:00', { lang: '\n  - "zh-CN"' }));
    const catalog = await loadCatalog(content.dir);
    const related = new RelatedArticles(new Fts5Index(catalog.searchDb, catalog.db));
    const self = catalog.index.article('en', ['news', 'a', 'self'])!;
    const ids = await related.find({ id: catalog.index.idOf(self)!, lang: 'en', title: self.title, summary: self.summary }, 5);
    expect(catalog.index.byIds(ids).map((found) => found.key)).toEqual(['en/news/a/three', 'en/news/a/two-new', 'en/news/a/two-old']);
    expect(await related.find({ id: catalog.index.idOf(self)!, lang: 'en', title: self.title, summary: '' }, 1)).toHaveLength(1);
    expect(await related.find({ id: catalog.index.idOf(self)!, lang: 'en', title: self.title, summary: '' }, 0)).toEqual([]);
  });

  it('keeps the terms of titles it has read until content changes', async () => {
    content = new TempContent()
      .write('en/news/a/self.en.md', article('Harbour lighthouse keeper retires', '2025-03-01 10:00:00'))
      .write('en/news/a/other.en.md', article('Harbour lighthouse keeper honoured', '2025-02-01 10:00:00'));
    const catalog = await loadCatalog(content.dir);
    const related = new RelatedArticles(new Fts5Index(catalog.searchDb, catalog.db));
    const self = catalog.index.article('en', ['news', 'a', 'self'])!;
    const query = { id: catalog.index.idOf(self)!, lang: 'en', title: self.title, summary: '' };
    const other = catalog.index.idOf(catalog.index.article('en', ['news', 'a', 'other'])!)!;
    expect(await related.find(query, 5)).toEqual([other]);
    // The other article's title changes in the catalog: kept terms still relate it, until forgotten.
    catalog.db.prepare("UPDATE articles SET meta = json_set(meta, '$.title', 'Budget talks resume') WHERE id = ?").run(other);
    expect(await related.find(query, 5)).toEqual([other]);
    related.forget();
    expect(await related.find(query, 5)).toEqual([]);
  });
});

describe('the Google News sitemap', () => {
  it("lists a language's articles since a time, newest first, at most as many as asked, from an indexed range", async () => {
    content = new TempContent();
    for (let day = 1; day <= 9; day++) content.write(`en/news/a/d${day}.en.md`, article(`Day ${day} "news"`, `2025-03-0${day} 10:00:00`));
    const catalog = await loadCatalog(content.dir);
    const since = Date.parse('2025-03-07T10:00:00Z');
    expect(catalog.index.newsStubs('en', since, 10).map((stub) => stub.slug.at(-1))).toEqual(['d9', 'd8', 'd7']);
    expect(catalog.index.newsStubs('en', since + 1, 10).map((stub) => stub.slug.at(-1))).toEqual(['d9', 'd8']);
    expect(catalog.index.newsStubs('en', since, 2)).toHaveLength(2);
    expect(catalog.index.newsStubs('zh-CN', since, 10)).toEqual([]);
    expect(catalog.index.newsStubs('en', since, 1)[0]).toMatchObject({ lang: 'en', title: 'Day 9 "news"', date: Date.parse('2025-03-09T10:00:00Z') });
  });

  it("writes the protocol's entries, with Google's codes for Chinese and XML-safe titles", () => {
    expect(['en', 'en-GB', 'zh-CN', 'zh-Hans', 'zh-HK', 'zh-TW', 'zh-Hant-HK'].map(newsLanguage)).toEqual([
      'en',
      'en',
      'zh-cn',
      'zh-cn',
      'zh-tw',
      'zh-tw',
      'zh-tw',
    ]);
    const text = newsSitemapXml('https://news.example', 'A & B', 'zh-HK', [
      { lang: 'zh-HK', slug: ['news', '天氣'], date: Date.parse('2025-03-09T10:00:00.250Z'), title: 'Rain <heavy> \u0001"now"' },
    ]);
    const url = new XMLParser().parse(text).urlset.url;
    expect(url.loc).toBe('https://news.example/zh-HK/news/%E5%A4%A9%E6%B0%A3');
    expect(url['news:news']).toEqual({
      'news:publication': { 'news:name': 'A & B', 'news:language': 'zh-tw' },
      'news:publication_date': '2025-03-09T10:00:00Z',
      'news:title': 'Rain <heavy> "now"',
    });
  });
});
