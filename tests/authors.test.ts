/*
 * Bylines and author pages (issue 29, item 2): author files read into descriptions with each
 * problem named by file and field, never as articles; what `npm run check` says of an author
 * nobody described; which URLs an author has; which cached pages an author's change refreshes;
 * and what each feed format says of an article's authors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuthorFile, readAuthorText } from '@/lib/content/authorFile';
import { problemsOf } from '@/lib/store/sqlite/checkFolder';
import { undescribedAuthors } from '@/lib/store/sqlite/undescribedAuthors';
import { matchRoute, type RouteContext } from '@/lib/routing/routeMatch';
import { changeRefresh } from '@/lib/server/revalidation/changeTags';
import { languageTag, pageTags, pathTag, taxonomyTag, termTag } from '@/lib/server/pageCache/pageTags.mjs';
import { surrogateKeys } from '@/lib/server/purge/surrogateKeys';
import { feedData } from '@/lib/rendering/feeds/feedData';
import { rssFeed } from '@/lib/rendering/feeds/rss';
import { atomFeed } from '@/lib/rendering/feeds/atom';
import { jsonFeed } from '@/lib/rendering/feeds/jsonFeed';
import { sitemapEntries } from '@/lib/rendering/sitemap/sitemap';
import { type TestCatalog, loadCatalog } from './helpers/catalog';
import { corpusShaped, TempContent } from './helpers/tempContent';
import { articleMeta } from './helpers/articleMeta';

const languages = ['en', 'zh-CN', 'zh-HK'];

describe('an author file', () => {
  it('is authors/<id>.md beside the language folders, and nothing else', () => {
    expect(isAuthorFile('authors/mei-chan.md')).toBe(true);
    expect(isAuthorFile('authors/陈美.md')).toBe(true);
    expect(isAuthorFile('en/authors/mei-chan.md')).toBe(false);
    expect(isAuthorFile('authors/team/mei-chan.md')).toBe(false);
    expect(isAuthorFile('authors/notes.txt')).toBe(false);
    expect(isAuthorFile('authors.md')).toBe(false);
  });

  it('describes an author: name, a bio per language or one for all, photo, links', () => {
    const text = [
      '---',
      'name: "Mei Chan"',
      'bio:',
      '  en: "City desk."',
      '  zh-cn: "城市版。"',
      'photo: "/images/mei.svg"',
      'links:',
      '  - "https://example.org/mei"',
      '  - { name: "Mastodon", url: "https://example.social/@mei" }',
      '---',
      'Notes for editors.',
    ].join('\n');
    expect(readAuthorText('authors/mei-chan.md', text, languages)).toEqual({
      author: {
        id: 'mei-chan',
        name: 'Mei Chan',
        bio: { en: 'City desk.', 'zh-CN': '城市版。' },
        photo: '/images/mei.svg',
        links: [{ url: 'https://example.org/mei' }, { url: 'https://example.social/@mei', name: 'Mastodon' }],
        file: 'authors/mei-chan.md',
      },
      problems: [],
    });
    expect(readAuthorText('authors/a.md', '---\nname: A\nbio: One for all.\n---\n', languages).author?.bio).toBe('One for all.');
  });

  it('names the file and field of each problem, keeping what can be kept', () => {
    const read = readAuthorText(
      'authors/Mei Chan.md',
      '---\nname: "Mei Chan"\nbio: { en: "Hi", fr: "Salut", zh-HK: [1] }\nphoto: "javascript:alert(1)"\nlinks: ["ftp://x", "https://ok.example", "https://[broken"]\nrole: editor\n---\n',
      languages,
    );
    expect(read.author).toMatchObject({ id: 'mei-chan', name: 'Mei Chan', bio: { en: 'Hi' }, photo: undefined, links: [{ url: 'https://ok.example' }] });
    const said = read.problems.map((p) => `${p.file}: ${p.field}: ${p.severity}`);
    expect(said).toEqual(
      expect.arrayContaining([
        'authors/Mei Chan.md: path: warning',
        'authors/Mei Chan.md: photo: warning',
        'authors/Mei Chan.md: role: warning',
        'authors/Mei Chan.md: bio.fr: warning',
        'authors/Mei Chan.md: bio.zh-HK: warning',
        'authors/Mei Chan.md: links[1]: warning',
        'authors/Mei Chan.md: links[3]: warning',
      ]),
    );
    expect(read.problems.find((p) => p.field === 'path')?.message).toContain('mei-chan.md');

    const nameless = readAuthorText('authors/x.md', '---\nbio: "Who?"\n---\n', languages);
    expect(nameless.author).toBeUndefined();
    expect(nameless.problems).toEqual([expect.objectContaining({ file: 'authors/x.md', field: 'name', severity: 'error' })]);
    expect(readAuthorText('authors/x.md', 'No front matter.', languages).problems[0]).toMatchObject({ field: 'front matter', severity: 'error' });
    expect(readAuthorText('authors/x.md', '---\nname: [\n---\n', languages).problems[0]).toMatchObject({ field: 'front matter', severity: 'error' });
  });
});

describe('authors in the catalog', () => {
  let content: TempContent;
  let catalog: TestCatalog;
  let context: RouteContext;
  const byline = (author: string, i: number) =>
    corpusShaped({ title: `"Story ${i}"`, date: `"2025-01-${String(i + 1).padStart(2, '0')} 10:00:00"`, lang: '["en"]', author }, 'Text.\n');

  beforeAll(async () => {
    content = new TempContent();
    // 12 articles by Ann Lee (two pages of 10), one naming her by id with an undescribed co-author.
    for (let i = 0; i < 11; i++) content.write(`en/news/s${i}.md`, byline('"Ann Lee"', i));
    content.write('en/news/s11.md', byline('["ann-lee", "Bo Zhang"]', 11));
    content.write('authors/ann-lee.md', '---\nname: "Ann Lee"\nbio: "Reports."\n---\n');
    content.write('en/authors/ann-lee.md', corpusShaped({ title: '"In the wrong place"', lang: '["en"]' }, 'x\n'));
    content.write('authors/no-name.md', '---\nbio: "Who?"\nlinks: [42]\n---\n');
    catalog = await loadCatalog(content.dir);
    context = { store: catalog.reader, languageCodes: languages, defaultLanguage: 'en', passThrough: new Set() };
  });
  afterAll(() => {
    catalog.db.close();
    content.remove();
  });

  it('never publishes an author file or a file at /{lang}/authors, and says where author files go', () => {
    expect(catalog.index.count('en')).toBe(12);
    const misplaced = problemsOf(catalog.db).find((p) => p.file === 'en/authors/ann-lee.md');
    expect(misplaced).toMatchObject({ field: 'path', severity: 'error' });
    expect(misplaced?.message).toContain('authors/ann-lee.md, beside the language folders');
    // What npm run check prints of a bad author file: its name and the field.
    expect(problemsOf(catalog.db).filter((p) => p.file === 'authors/no-name.md')).toEqual([
      expect.objectContaining({ field: 'name', severity: 'error', message: expect.stringContaining('missing') }),
    ]);
  });

  it('warns, for npm run check, of each author named but not described, by the name as written', () => {
    expect(undescribedAuthors(catalog.db)).toEqual([
      {
        file: 'en/news/s11.md',
        field: 'author',
        message: '"Bo Zhang" is not described (no authors/bo-zhang.md); its byline shows the name as written, with no bio or photo',
        severity: 'warning',
      },
    ]);
  });

  it('has pages for each author named or described, paginated like terms, with feeds; 404 past them', async () => {
    const kind = async (path: string) => (await matchRoute(path, context)).kind;
    for (const path of [
      '/en/authors',
      '/en/authors/ann-lee',
      '/en/authors/ann-lee/page/2',
      '/en/authors/bo-zhang',
      '/en/authors/ann-lee/index.xml',
      '/en/authors/ann-lee/feed.json',
    ]) {
      expect(await kind(path), path).toBe('page');
    }
    // Described, with no article in zh-CN: her page is there, with her bio.
    expect(await kind('/zh-CN/authors/ann-lee')).toBe('page');
    for (const path of [
      '/en/authors/ann-lee/page/3',
      '/en/authors/nobody',
      '/zh-CN/authors/bo-zhang',
      '/en/authors/ann-lee/extra',
      '/en/authors/ann-lee/page/2/x',
    ]) {
      expect(await kind(path), path).toBe('not-found');
    }
    const sitemap = (await sitemapEntries(catalog.reader, 'en', 1))?.map((entry) => entry.path);
    expect(sitemap).toEqual(expect.arrayContaining(['/en/authors', '/en/authors/ann-lee', '/en/authors/bo-zhang']));
    expect(await catalog.reader.authorsIn('en')).toEqual([
      { id: 'ann-lee', name: 'ann-lee', count: 12 },
      { id: 'bo-zhang', name: 'Bo Zhang', count: 1 },
    ]);
  });
});

describe('what an author change refreshes', () => {
  it('tags author pages like term pages, feeds with their page', () => {
    expect(pageTags('/en/authors/mei-chan')).toContain(termTag('en', 'authors', 'mei-chan'));
    expect(pageTags('/en/authors/mei-chan/page/2')).toContain(termTag('en', 'authors', 'mei-chan'));
    expect(pageTags('/en/authors')).toContain(taxonomyTag('en', 'authors'));
    expect(surrogateKeys('/en/authors/mei-chan/index.xml', 'en')).toContain(termTag('en', 'authors', 'mei-chan'));
  });

  it("refreshes a new article's authors' pages, and an edited description's pages and articles", () => {
    const touched = [{ lang: 'en', slug: ['news', 'x'], categories: [], tags: [], menu: false, authors: ['mei-chan'] }];
    const { tags } = changeRefresh(touched, languages);
    expect(tags).toEqual(expect.arrayContaining([termTag('en', 'authors', 'mei-chan'), taxonomyTag('en', 'authors'), pathTag('/en/news/x')]));
    expect(tags).not.toContain(termTag('zh-CN', 'authors', 'mei-chan'));

    const edited = changeRefresh([], languages, [{ id: 'mei-chan', keys: ['en/news/x', 'zh-CN/news/y'], manyIn: ['zh-HK'] }]);
    expect(edited.tags.sort()).toEqual(
      [
        ...languages.flatMap((lang) => [termTag(lang, 'authors', 'mei-chan'), taxonomyTag(lang, 'authors')]),
        pathTag('/en/news/x'),
        pathTag('/zh-CN/news/y'),
        languageTag('zh-HK'),
      ].sort(),
    );
    // Nothing else at once: no list, no other article; lists (bylines) catch up with the sidebars of the languages she writes in.
    expect(edited.tags.some((tag) => tag.startsWith('bs:list:'))).toBe(false);
    expect(edited.sidebarLanguages.sort()).toEqual(['en', 'zh-CN', 'zh-HK']);
    expect(changeRefresh([], languages, [{ id: 'x', keys: ['en/news/x'] }]).sidebarLanguages).toEqual(['en']);
  });
});

describe('feeds', () => {
  it("carry each article's authors: RSS dc:creator, Atom <author>, JSON Feed authors", () => {
    const article = { ...articleMeta('en', ['news', 't'], { title: 'T' }), authors: ['mei-chan', 'Bo Zhang', 'Mei Chan'] };
    const data = feedData({ lang: 'en', title: 'Site', pagePath: '/en', articles: [article], authorNames: new Map([['mei-chan', 'Mei Chan']]) });
    expect(data.items[0]?.authors.map((a) => a.name)).toEqual(['Mei Chan', 'Bo Zhang']);
    expect(data.items[0]?.authors[1]?.url).toMatch(/\/en\/authors\/bo-zhang$/);
    const rss = rssFeed(data);
    expect(rss).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
    expect(rss).toContain('<dc:creator>Mei Chan</dc:creator><dc:creator>Bo Zhang</dc:creator>');
    expect(atomFeed(data)).toMatch(/<author><name>Mei Chan<\/name><uri>[^<]*\/en\/authors\/mei-chan<\/uri><\/author>/);
    const json = JSON.parse(jsonFeed(data)) as { items: { authors?: { name: string; url: string }[] }[] };
    expect(json.items[0]?.authors?.map((a) => a.name)).toEqual(['Mei Chan', 'Bo Zhang']);
    // Names as hostile as any title: escaped, and what XML cannot carry left out, in every format.
    const hostile = rssFeed(feedData({ lang: 'en', title: 'Site', pagePath: '/en', articles: [{ ...article, authors: ['A ]]></dc:creator><x>\u0008'] }] }));
    expect(hostile).toContain('<dc:creator>A ]]&gt;&lt;/dc:creator&gt;&lt;x&gt;</dc:creator>');
    const none = JSON.parse(jsonFeed(feedData({ lang: 'en', title: 'Site', pagePath: '/en', articles: [{ ...article, authors: undefined }] }))) as {
      items: { authors?: unknown }[];
    };
    expect(none.items[0]?.authors).toBeUndefined();
  });
});
