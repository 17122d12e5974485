import { afterEach, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';
import { buildFeed, type FeedSource } from '@/lib/rendering/feeds/buildFeed';
import { languageFeedSource, termFeedSource } from '@/lib/rendering/feeds/feedSources';
import { termTitle, withSiteName } from '@/lib/rendering/metadata';
import { newsSitemapXml } from '@/lib/rendering/sitemap/newsSitemap';
import { sitemapEntries, sitemapIndexXml, urlsetXml } from '@/lib/rendering/sitemap/sitemap';
import { SqliteReader } from '@/lib/store/sqlite/reader';
import { articleMeta } from './helpers/articleMeta';
import { loadCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';

/*
 * Feeds and sitemaps written from hostile text: each output must parse with a conformant XML
 * parser and a feed parser, with exactly the items written, each text as written less only the
 * characters XML 1.0 cannot carry, and no link the text did not come from the site.
 */

const BASE = siteConfig.baseUrl;

// ---- What XML 1.0 can carry, read from the spec here, independently of lib/xml/chars.ts ----

/** The UTF-16 code units of a text as code points; a lone surrogate stands for itself. */
function codePoints(text: string): number[] {
  const points: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      points.push(0x10000 + (unit - 0xd800) * 0x400 + (next - 0xdc00));
      i++;
    } else points.push(unit);
  }
  return points;
}

/** XML 1.0 § 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

/** The text less what XML cannot carry: what a reader of an XML feed must get. */
const xmlExpected = (text: string) => String.fromCodePoint(...codePoints(text).filter(isXmlChar));
/** The text less lone surrogates: what a reader of the JSON feed must get. */
const jsonExpected = (text: string) => String.fromCodePoint(...codePoints(text).filter((cp) => !isSurrogate(cp)));
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

// ---- Hostile text ----

const RSS_BREAKOUT = 'a]]>b]]></title><link>https://evil.example/</link></item><item><title><![CDATA[c';
const ATOM_BREAKOUT = 'a]]></title><link href="https://evil.example/"/></entry><entry><title type="html"><![CDATA[c';
const MARKUP = `<b>bold</b> & "double" 'single' &amp; &#x8; ]]> <![CDATA[ x ]]> <!-- c --> <?pi?>`;
const CONTROLS = [...Array.from({ length: 0x20 }, (_, cp) => cp), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)];

/** Every string the feeds and sitemaps are fed, with a name for failure messages. */
const HOSTILE: { name: string; text: string }[] = [
  { name: 'RSS CDATA breakout', text: RSS_BREAKOUT },
  { name: 'Atom CDATA breakout', text: ATOM_BREAKOUT },
  { name: 'markup and entities', text: MARKUP },
  { name: 'line ends', text: 'one\r\ntwo\rthree\nfour\tfive' },
  ...CONTROLS.map((cp) => ({ name: hex(cp), text: `x${String.fromCharCode(cp)}y` })),
  ...[0xd800, 0xdbff, 0xdc00, 0xdfff].map((cp) => ({ name: `lone ${hex(cp)}`, text: `x${String.fromCharCode(cp)}y` })),
  { name: 'high surrogate at the end', text: 'x\uD800' },
  { name: 'low surrogate at the start', text: '\uDC00x' },
  { name: 'surrogates in the wrong order', text: 'x\uDC00\uD800y' },
  { name: 'U+FFFE', text: 'x\uFFFEy' },
  { name: 'U+FFFF', text: 'x\uFFFFy' },
  { name: 'kept: U+FFFD, an emoji, U+10FFFF, Han', text: 'x\uFFFD😀\u{10FFFF}美股y' },
];

it('the hostile strings hold every character XML cannot carry (so the tests below test something)', () => {
  const dropped = new Set(HOSTILE.flatMap(({ text }) => codePoints(text).filter((cp) => !isXmlChar(cp))));
  for (let cp = 0; cp < 0x20; cp++) expect(dropped.has(cp), hex(cp)).toBe(cp === 0x9 || cp === 0xa || cp === 0xd ? false : true);
  for (const cp of [0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 0xffff]) expect(dropped.has(cp), hex(cp)).toBe(true);
  expect(xmlExpected('x\u0085\u009F\u007Fy')).toBe('x\u0085\u009F\u007Fy');
});

// ---- A strict reading of XML ----

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * The document as a conformant, namespace-aware parser (saxes) reads it; throws on anything not
 * well formed. Saxes misses a lone high surrogate before another character, so the text is first
 * held to what a UTF-8 encoder writes unchanged.
 */
function parseStrict(xml: string): XmlElement {
  const lone = /\p{Cs}/u.exec(xml);
  if (lone) throw new Error(`lone surrogate ${hex(lone[0].charCodeAt(0))} at ${lone.index}: a UTF-8 encoder would replace it`);
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.name, attribute.value]));
    const node: XmlElement = { name: tag.name, attributes, children: [], text: '' };
    open.at(-1)!.children.push(node);
    open.push(node);
  });
  parser.on('closetag', () => void open.pop());
  parser.on('text', (text) => void (open.at(-1)!.text += text));
  parser.on('cdata', (text) => void (open.at(-1)!.text += text));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

const childrenNamed = (node: XmlElement, name: string) => node.children.filter((child) => child.name === name);
const child = (node: XmlElement, name: string) => {
  const found = childrenNamed(node, name);
  expect(found, `one <${name}> in <${node.name}>`).toHaveLength(1);
  return found[0]!;
};
const descendants = (node: XmlElement): XmlElement[] => node.children.flatMap((c) => [c, ...descendants(c)]);

/** Every address the document links to: link and loc texts, href and url attributes. */
function addresses(root: XmlElement): string[] {
  return descendants(root).flatMap((node) => [
    // Atom's <link href> has no text; RSS's <link> and the others are text alone.
    ...(['link', 'loc', 'guid', 'id'].includes(node.name) && !node.attributes.href ? [node.text] : []),
    ...Object.entries(node.attributes)
      .filter(([name]) => name === 'href' || name === 'url')
      .map(([, value]) => value),
  ]);
}

function expectOnlySiteAddresses(root: XmlElement) {
  const all = addresses(root);
  expect(all.length).toBeGreaterThan(0);
  for (const address of all) {
    expect(address.startsWith(`${BASE}/`), address).toBe(true);
    // A term's slug may spell "evil.example" as a path on the site; no address may leave it.
    expect(new URL(address).origin, address).toBe(new URL(BASE).origin);
  }
}

it('the strict parser rejects broken CDATA, control characters and lone surrogates', () => {
  expect(() => parseStrict('<a><![CDATA[x]]>]]></a>')).toThrow();
  expect(() => parseStrict('<a>x\u0008y</a>')).toThrow(/disallowed character/);
  expect(() => parseStrict('<a>x\uFFFEy</a>')).toThrow(/disallowed character/);
  expect(() => parseStrict('<a>x\uD800y</a>')).toThrow(/lone surrogate/);
  expect(() => parseStrict('<a><b></a>')).toThrow();
  expect(() => parseStrict('<a><x:b/></a>')).toThrow(/unbound namespace/);
  expect(parseStrict('<a b="1&#10;2">x&#13;y<![CDATA[<z>]]></a>')).toEqual({ name: 'a', attributes: { b: '1\n2' }, children: [], text: 'x\ry<z>' });
});

// ---- Feeds ----

const rssParser = new Parser();

/** An article whose every text field carries the hostile text, with a path of odd characters. */
function hostileArticle(text: string, day: number): ArticleMeta {
  return articleMeta('en', ['news', 'x&y', '美股', `q"<>'`], {
    title: text,
    summary: `${text} (summary)`,
    categories: [text, 'Dow Jones Newswires', '美股'],
    tags: [text],
    date: Date.UTC(2025, 0, day),
  });
}
const HOSTILE_LINK = `${BASE}/en/news/x%26y/${encodeURIComponent('美股')}/${encodeURIComponent(`q"<>'`)}`;
const plainArticle = articleMeta('en', ['news', 'plain'], { title: 'Plain headline', summary: 'Plain summary.', date: Date.UTC(2025, 0, 1) });

/** A tag's feed, titled by the tag's name as the route titles it. */
const tagFeedSource = (name: string, articles: ArticleMeta[]): FeedSource => ({
  lang: 'en',
  title: withSiteName(termTitle('en', 'tags', name)),
  pagePath: `/en/tags/${encodeURIComponent(name.replace(/[^\p{L}]/gu, '') || 'x')}`,
  articles,
});

interface ReadFeed {
  title: string;
  items: { title: string; link: string; summary: string; categories: string[] }[];
}

/** RSS 2.0 read strictly; the description read as the HTML it is. */
function readRss(xml: string): ReadFeed {
  const rss = parseStrict(xml);
  expect(rss.name).toBe('rss');
  expectOnlySiteAddresses(rss);
  const channel = child(rss, 'channel');
  return {
    title: child(channel, 'title').text,
    items: childrenNamed(channel, 'item').map((item) => ({
      title: child(item, 'title').text,
      link: child(item, 'link').text,
      summary: htmlText(child(item, 'description').text),
      categories: childrenNamed(item, 'category').map((category) => category.text),
    })),
  };
}

/** Atom 1.0 read strictly: text constructs of type text. */
function readAtom(xml: string): ReadFeed {
  const feed = parseStrict(xml);
  expect(feed.name).toBe('feed');
  expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
  expectOnlySiteAddresses(feed);
  for (const node of descendants(feed)) expect(node.attributes.type ?? 'text', node.name).not.toBe('html');
  return {
    title: child(feed, 'title').text,
    items: childrenNamed(feed, 'entry').map((entry) => ({
      title: child(entry, 'title').text,
      link: childrenNamed(entry, 'link').find((link) => link.attributes.rel === 'alternate')!.attributes.href!,
      summary: child(entry, 'summary').text,
      categories: childrenNamed(entry, 'category').map((category) => category.attributes.term!),
    })),
  };
}

/** The text an HTML fragment of escaped text shows: its entities decoded; it may hold no tag. */
function htmlText(html: string): string {
  expect(html, 'escaped text holds no markup').not.toMatch(/</);
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

function expectFeed(read: ReadFeed, expected: (text: string) => string, feedTitle: string, texts: string[]) {
  expect(read.title).toBe(expected(feedTitle));
  expect(read.items.map((item) => item.title)).toEqual([...texts.map(expected), 'Plain headline']);
  expect(read.items.map((item) => item.link)).toEqual([...texts.map(() => HOSTILE_LINK), `${BASE}/en/news/plain`]);
  expect(read.items.map((item) => item.summary)).toEqual([...texts.map((text) => expected(`${text} (summary)`)), 'Plain summary.']);
  for (const [i, text] of texts.entries()) expect(read.items[i]!.categories).toEqual([expected(text), 'Dow Jones Newswires', '美股']);
}

describe('feeds carry any title, summary and term name', () => {
  for (const { name, text } of HOSTILE) {
    it(`${name}: RSS, Atom and JSON Feed`, async () => {
      const source = tagFeedSource(text, [hostileArticle(text, 2), plainArticle]);
      const feedTitle = source.title;

      const rss = buildFeed(source, 'index.xml');
      expectFeed(readRss(rss), xmlExpected, feedTitle, [text]);
      const atom = buildFeed(source, 'atom.xml');
      expectFeed(readAtom(atom), xmlExpected, feedTitle, [text]);

      // A feed reader reads the same items and titles.
      for (const xml of [rss, atom]) {
        const read = await rssParser.parseString(xml);
        expect(read.title).toBe(xmlExpected(feedTitle));
        expect(read.items.map((item) => item.title)).toEqual([xmlExpected(text), 'Plain headline']);
        expect(read.items.map((item) => item.link)).toEqual([HOSTILE_LINK, `${BASE}/en/news/plain`]);
      }
      expect((await rssParser.parseString(rss)).items[0]!.contentSnippet).toBe(xmlExpected(`${text} (summary)`).trim());

      const json = buildFeed(source, 'feed.json');
      expect(json, 'no lone surrogate, raw or escaped').not.toMatch(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\p{Cs}/u);
      const feed = JSON.parse(json) as { version: string; title: string; items: { title: string; url: string; content_text: string; tags: string[] }[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.title).toBe(jsonExpected(feedTitle));
      expect(feed.items.map((item) => item.title)).toEqual([jsonExpected(text), 'Plain headline']);
      expect(feed.items.map((item) => item.url)).toEqual([HOSTILE_LINK, `${BASE}/en/news/plain`]);
      expect(feed.items[0]!.content_text).toBe(jsonExpected(`${text} (summary)`));
      expect(feed.items[0]!.tags).toEqual([jsonExpected(text), 'Dow Jones Newswires', '美股']);
    });
  }

  it('a full feed of hostile items keeps exactly its 20 items in every format', async () => {
    const texts = HOSTILE.slice(0, 19).map(({ text }) => text);
    const source = tagFeedSource('mixed', [...texts.map((text, i) => hostileArticle(text, 30 - i)), plainArticle]);
    const rss = buildFeed(source, 'index.xml');
    const atom = buildFeed(source, 'atom.xml');
    expectFeed(readRss(rss), xmlExpected, source.title, texts);
    expectFeed(readAtom(atom), xmlExpected, source.title, texts);
    for (const xml of [rss, atom]) expect((await rssParser.parseString(xml)).items).toHaveLength(20);
    expect((JSON.parse(buildFeed(source, 'feed.json')) as { items: unknown[] }).items).toHaveLength(20);
  });

  it('a thumbnail address with quotes, ampersands and spaces is escaped, not cut', () => {
    const article = { ...plainArticle, thumbnail: { src: '/images/a b.jpg?x=1&y="2"&z=<3>' } };
    const source = tagFeedSource('images', [article]);
    const enclosure = child(child(child(parseStrict(buildFeed(source, 'index.xml')), 'channel'), 'item'), 'enclosure');
    expect(enclosure.attributes).toEqual({ url: `${BASE}/images/a%20b.jpg?x=1&y=%222%22&z=%3C3%3E`, length: '0', type: 'image/jpeg' });
    const entry = child(parseStrict(buildFeed(source, 'atom.xml')), 'entry');
    expect(childrenNamed(entry, 'link').find((link) => link.attributes.rel === 'enclosure')?.attributes.href).toBe(enclosure.attributes.url);
  });
});

describe('feeds carry corrections and labels', () => {
  const corrected = (text: string, lang = 'en') =>
    articleMeta(lang, ['news', 'fixed'], {
      title: 'Fixed headline',
      summary: 'Fixed summary.',
      categories: ['Markets'],
      type: 'opinion',
      date: Date.UTC(2025, 0, 1),
      lastmod: Date.UTC(2025, 0, 2),
      corrections: [
        { date: Date.UTC(2025, 0, 5, 9, 30), text },
        { date: Date.UTC(2025, 0, 3), text: 'An older correction.' },
      ],
    });
  const updated = '2025-01-05T09:30:00.000Z';
  it('runs in the time zone the notes below are written in', () => expect(siteConfig.timeZone).toBe('Asia/Shanghai'));

  for (const { name, text } of HOSTILE.filter((h) => /breakout|markup|U\+0008|lone U\+D800/.test(h.name))) {
    it(`${name}: the newest correction closes the item's text, the item is updated then, its label is its first category`, async () => {
      const source = tagFeedSource('fixes', [corrected(text), plainArticle]);
      // In the site's time zone (Asia/Shanghai, site.config.ts) and date format.
      const note = `Corrected 2025-01-05 17:30: ${text}`;
      const rss = buildFeed(source, 'index.xml');
      const rssItem = readRss(rss).items[0]!;
      expect(rssItem.summary).toBe(xmlExpected(`Fixed summary.\n\n${note}`));
      expect(rssItem.categories).toEqual(['Opinion', 'Markets']);
      expect((await rssParser.parseString(rss)).items).toHaveLength(2);

      const atom = buildFeed(source, 'atom.xml');
      const read = readAtom(atom);
      expect(read.items[0]!.summary).toBe(xmlExpected(`Fixed summary.\n\n${note}`));
      expect(read.items[0]!.categories).toEqual(['Opinion', 'Markets']);
      const feed = parseStrict(atom);
      expect(child(feed, 'updated').text).toBe(updated);
      expect(child(childrenNamed(feed, 'entry')[0]!, 'updated').text).toBe(updated);
      // The plain article is neither labelled nor updated.
      expect(read.items[1]!.categories).toEqual([]);
      expect(child(childrenNamed(feed, 'entry')[1]!, 'updated').text).toBe('2025-01-01T00:00:00.000Z');

      const json = JSON.parse(buildFeed(source, 'feed.json')) as { items: { content_text: string; date_modified: string; tags: string[] }[] };
      expect(json.items[0]).toMatchObject({ content_text: jsonExpected(`Fixed summary.\n\n${note}`), date_modified: updated, tags: ['Opinion', 'Markets'] });
      expect(json.items[1]!.date_modified).toBe('2025-01-01T00:00:00.000Z');
    });
  }

  it('in the language of the feed', () => {
    const article = { ...corrected('更正了数字。', 'zh-CN'), type: 'sponsored' as const };
    const source: FeedSource = { lang: 'zh-CN', title: '市场', pagePath: '/zh-CN/tags/x', articles: [article] };
    const item = readRss(buildFeed(source, 'index.xml')).items[0]!;
    expect(item.summary).toBe('Fixed summary.\n\n更正（2025年01月05日 17:30）：更正了数字。');
    expect(item.categories).toEqual(['赞助内容', 'Markets']);
  });
});

// ---- Sitemaps ----

describe('sitemaps carry any address and title', () => {
  it('the sitemap index and a sitemap page: every <loc> as built, escaped', () => {
    const paths = HOSTILE.map(({ text }) => `/en/news/${text}`);
    const urlset = parseStrict(
      urlsetXml(
        BASE,
        paths.map((path, i) => ({ path, lastmod: Date.UTC(2025, 0, 1 + i) })),
      ),
    );
    expect(urlset.attributes.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = childrenNamed(urlset, 'url');
    expect(urls.map((url) => child(url, 'loc').text)).toEqual(paths.map((path) => xmlExpected(`${BASE}${path}`)));
    expect(child(urls[0]!, 'lastmod').text).toBe('2025-01-01T00:00:00.000Z');

    const index = parseStrict(
      sitemapIndexXml(
        BASE,
        paths.map((path) => ({ path })),
      ),
    );
    expect(childrenNamed(index, 'sitemap').map((map) => child(map, 'loc').text)).toEqual(paths.map((path) => xmlExpected(`${BASE}${path}`)));
  });

  it('a Google News sitemap: every title and the publication name as written, less what XML cannot carry', () => {
    for (const { text } of HOSTILE) {
      const stubs = [
        { lang: 'zh-HK', slug: ['news', 'x&y', '美股'], date: Date.UTC(2025, 2, 9, 10), title: text },
        { lang: 'zh-HK', slug: ['news', 'plain'], date: Date.UTC(2025, 2, 9, 9), title: 'Plain' },
      ];
      const urlset = parseStrict(newsSitemapXml(BASE, `${text} Daily`, 'zh-HK', stubs));
      expectOnlySiteAddresses(urlset);
      const urls = childrenNamed(urlset, 'url');
      expect(urls.map((url) => child(url, 'loc').text)).toEqual([`${BASE}/zh-HK/news/x%26y/${encodeURIComponent('美股')}`, `${BASE}/zh-HK/news/plain`]);
      const news = urls.map((url) => child(url, 'news:news'));
      expect(news.map((n) => child(n, 'news:title').text)).toEqual([xmlExpected(text), 'Plain']);
      expect(news.map((n) => child(child(n, 'news:publication'), 'news:name').text)).toEqual([`${xmlExpected(text)} Daily`, `${xmlExpected(text)} Daily`]);
      expect(child(child(news[0]!, 'news:publication'), 'news:language').text).toBe('zh-tw');
    }
  });
});

// ---- From the front matter, through the catalog ----

let content: TempContent | undefined;
afterEach(() => content?.remove());

/** A YAML double-quoted scalar that spells every unusual character as an escape, as an importer writes it. */
const yamlQuoted = (text: string) =>
  `"${Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))
    .map((unit) =>
      unit < 0x20 || (unit >= 0x7f && unit <= 0xa0) || unit >= 0xd800 || unit === 0x22 || unit === 0x5c
        ? `\\u${unit.toString(16).padStart(4, '0')}`
        : String.fromCharCode(unit),
    )
    .join('')}"`;

describe('from the front matter to every feed and sitemap', () => {
  const FILE_TEXTS = [RSS_BREAKOUT, ATOM_BREAKOUT, 'x\u0000y', 'x\u0008y', 'x\u001Fy', 'x\uD800y', 'x\uDFFFy', 'x\uFFFEy', 'x\u0085\u009Fy', 'x😀y'];

  it('keeps what files say, less what XML cannot carry, tells the editor, and links only the site', async () => {
    content = new TempContent();
    FILE_TEXTS.forEach((text, i) =>
      content!.write(
        `en/news/x&y/a${i}.en.md`,
        corpusShaped({
          title: yamlQuoted(text),
          summary: yamlQuoted(`${text} (summary)`),
          categories: `\n  - ${yamlQuoted(`c${text}`)}\n  - "Dow Jones Newswires"`,
          // One tag of each file's own: its name comes from this file alone.
          tags: `\n  - ${yamlQuoted(`t${text}`)}\n  - "美股"\n  - ${yamlQuoted(`only${i} ${text}`)}`,
          date: `"2025-01-${String(10 + i)} 10:00:00"`,
        }),
      ),
    );
    const { index, db } = await loadCatalog(content.dir);
    // What the catalog holds: the text as written, less lone surrogates (no characters; UTF-8 and
    // SQLite cannot hold them). What XML cannot carry is dropped on the way out, not here.
    const newestFirst = [...FILE_TEXTS].reverse().map(jsonExpected);
    const links = FILE_TEXTS.map((_, i) => `${BASE}/en/news/x%26y/a${i}`).reverse();
    expect(index.articles('en', 0, 20).map((article) => article.title)).toEqual(newestFirst);
    expect(newestFirst).toContain('x\u0000y');

    // The editor hears of each character left out, by file, field and code point.
    const { problemsOf } = await import('@/lib/store/sqlite/checkFolder');
    const said = (file: number) =>
      problemsOf(db)
        .filter((problem) => problem.file === `en/news/x&y/a${file}.en.md`)
        .map((p) => `${p.field}: ${p.message}`);
    const fields = ['title', 'summary', 'categories', 'tags'];
    expect(said(3)).toEqual(fields.map((field) => `${field}: contains U+0008, which XML cannot carry; feeds and sitemaps leave it out`));
    expect(said(5)).toEqual(fields.map((field) => `${field}: contains U+D800, half of a character (a lone surrogate) that UTF-8 cannot hold; left out`));
    for (const i of [0, 1, 8, 9]) expect(said(i)).toEqual([]);
    // Term names and news titles come from the catalog's columns: no U+FFFD stands in for a lone surrogate.
    expect(index.termsOf('en', 'tags').map((term) => term.name)).toEqual(expect.arrayContaining(newestFirst.map((text, i) => `only${9 - i} ${text}`)));
    expect(index.newsStubs('en', 0, 20).map((stub) => stub.title)).toEqual(newestFirst);

    const language = await languageFeedSource(new SqliteReader(index), 'en');
    for (const read of [readRss(buildFeed(language, 'index.xml')), readAtom(buildFeed(language, 'atom.xml'))]) {
      expect(read.items.map((item) => item.title)).toEqual(newestFirst.map(xmlExpected));
      expect(read.items.map((item) => item.link)).toEqual(links);
      expect(read.items.map((item) => item.summary)).toEqual(newestFirst.map((text) => xmlExpected(`${text} (summary)`)));
      expect(read.items.map((item) => item.categories)).toEqual(newestFirst.map((text) => [xmlExpected(`c${text}`), 'Dow Jones Newswires']));
    }
    const json = JSON.parse(buildFeed(language, 'feed.json')) as { items: { title: string }[] };
    expect(json.items.map((item) => item.title)).toEqual(newestFirst);

    // Each term's feeds are titled by its name, and hold its articles.
    const terms = [...index.termsOf('en', 'categories'), ...index.termsOf('en', 'tags')];
    expect(terms.map((term) => term.name)).toEqual(expect.arrayContaining(['Dow Jones Newswires', '美股', `t${RSS_BREAKOUT}`]));
    for (const term of terms) {
      const source = await termFeedSource(new SqliteReader(index), 'en', term);
      expect(source.title).toContain(term.name);
      for (const read of [readRss(buildFeed(source, 'index.xml')), readAtom(buildFeed(source, 'atom.xml'))]) {
        expect(read.title).toBe(xmlExpected(source.title));
        expect(read.items).toHaveLength(term.count);
      }
      expect(buildFeed(source, 'index.xml')).toContain(`<link>${BASE}/en/${term.taxonomy}/${encodeURIComponent(term.slug)}</link>`);
    }

    const urlset = parseStrict(urlsetXml(BASE, (await sitemapEntries(new SqliteReader(index), 'en', 1))!));
    expectOnlySiteAddresses(urlset);
    const locs = childrenNamed(urlset, 'url').map((url) => child(url, 'loc').text);
    expect(locs).toEqual(expect.arrayContaining([...links, `${BASE}/en/tags/${encodeURIComponent('美股')}`, `${BASE}/en/categories/dow-jones-newswires`]));
    // Home, corrections and the two taxonomy indexes, each term, each article.
    expect(locs).toHaveLength(4 + terms.length + FILE_TEXTS.length);

    const news = parseStrict(newsSitemapXml(BASE, siteConfig.title, 'en', index.newsStubs('en', 0, 1000)));
    expectOnlySiteAddresses(news);
    expect(childrenNamed(news, 'url').map((url) => child(child(url, 'news:news'), 'news:title').text)).toEqual(newestFirst.map(xmlExpected));
  });
});
