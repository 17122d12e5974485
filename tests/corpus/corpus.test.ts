import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '@/lib/content/frontMatter';
import type { ArticleMeta } from '@/lib/content/types';
import { renderMarkdown } from '@/lib/rendering/markdown/render';
import { matchRoute } from '@/lib/routing/routeMatch';
import { articleUrl } from '@/lib/routing/urls';
import { SqliteReader } from '@/lib/store/sqlite/reader';
import { loadCatalog, type TestCatalog } from '../helpers/catalog';

/**
 * Holds the catalog, URLs and the Markdown pipeline to the real corpus: every file is published
 * or yields a reported problem, every body renders, every article's URL leads back to it. The
 * catalog is the server's own writer, reading the folder the way a server does at start.
 */
const corpusDir = path.resolve(process.env.CORPUS_DIR ?? path.join(import.meta.dirname, '../../../shared/corpus/content'));
const languages = ['en', 'zh-CN', 'zh-HK'];

describe.skipIf(!existsSync(corpusDir))(`the corpus at ${corpusDir}`, () => {
  let catalog: TestCatalog;
  let articles: ArticleMeta[];
  let loadMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    catalog = await loadCatalog(corpusDir, { languages, timeZone: 'Asia/Shanghai' });
    loadMs = performance.now() - started;
    articles = catalog.db
      .prepare<[], { meta: string }>('SELECT meta FROM articles')
      .all()
      .map((row) => JSON.parse(row.meta) as ArticleMeta);
  }, 600_000);

  it('publishes every file or reports why not, renders every body, and resolves every URL', async () => {
    const { db, index } = catalog;
    const files = db
      .prepare<[], { path: string; key: string | null; draft: number; date: number | null; problems: string | null; dup_of: string | null }>(
        'SELECT path, key, draft, date, problems, dup_of FROM files',
      )
      .all();
    const published = new Set(articles.map((a) => a.file));
    const problems = files.flatMap((file) => (file.problems ? (JSON.parse(file.problems) as { severity: string; field: string }[]) : []));
    // A file not published is a draft, dated ahead, a duplicate, or has an error saying why.
    const unexplained = files.filter(
      (file) =>
        !published.has(file.path) && !file.dup_of && !file.draft && !(file.date !== null && file.date > Date.now()) && !file.problems?.includes('"error"'),
    );
    expect(unexplained.map((file) => file.path)).toEqual([]);

    const context = { store: new SqliteReader(index), languageCodes: languages, defaultLanguage: 'en', passThrough: new Set<string>() };
    const unreachable: ArticleMeta[] = [];
    for (const a of articles)
      if ((await matchRoute(articleUrl(a), context)).kind !== 'page' || index.article(a.lang, a.slug)?.file !== a.file) unreachable.push(a);
    expect(unreachable.map((a) => a.file)).toEqual([]);

    const renderStarted = performance.now();
    let rendered = 0;
    let htmlBytes = 0;
    for (const article of articles) {
      const { html } = await renderMarkdown(bodyOf(index.source(article)!), { siteOrigin: 'https://broadsheet.example', math: article.mathjax });
      expect(html).not.toMatch(/<script|javascript:|onerror=/i);
      htmlBytes += html.length;
      rendered++;
    }
    const renderMs = performance.now() - renderStarted;

    const byField = new Map<string, number>();
    for (const p of problems) byField.set(`${p.severity} ${p.field}`, (byField.get(`${p.severity} ${p.field}`) ?? 0) + 1);
    const perLanguage = languages.map((lang) => `${lang} ${index.count(lang)}`).join(', ');
    console.log(
      [
        `corpus: ${files.length} files, ${articles.length} articles published (${perLanguage}), ${files.length - articles.length} not`,
        `problems: ${problems.length} (${[...byField].map(([k, v]) => `${k}: ${v}`).join('; ') || 'none'})`,
        `catalog (read, index, search): ${Math.round(loadMs)} ms; rendered ${rendered} bodies (${(htmlBytes / 1e6).toFixed(1)} MB of HTML) in ${Math.round(renderMs)} ms`,
        `terms: ${languages.map((l) => `${l} ${index.termsOf(l, 'categories').length} categories / ${index.termsOf(l, 'tags').length} tags`).join(', ')}`,
      ].join('\n'),
    );
    expect(rendered).toBe(articles.length);
  });

  it('redirects the Hugo URL of every article to it', async () => {
    const { index } = catalog;
    const context = { store: new SqliteReader(index), languageCodes: languages, defaultLanguage: 'en', passThrough: new Set<string>() };
    // Hugo's URL, from the file path alone: lowercased, the default language unprefixed and
    // without its suffix, the others under /zh-cn/ with `.zh-cn` kept, and a trailing slash.
    const hugoUrl = (file: string) => {
      const [lang, ...rest] = file.replace(/\.md$/, '').split('/');
      const segments = rest.map((segment) => segment.toLowerCase());
      if (lang === 'en') segments[segments.length - 1] = segments.at(-1)!.replace(/\.en$/, '');
      else segments.unshift(lang!.toLowerCase());
      return `/${segments.map(encodeURIComponent).join('/')}/`;
    };
    const wrong: string[] = [];
    for (const article of articles) {
      const match = await matchRoute(hugoUrl(article.file), context);
      const target = index.articleIgnoringCase(article.lang, article.slug);
      if (!(match.kind === 'redirect' && match.location === articleUrl(target!))) wrong.push(`${hugoUrl(article.file)} → ${JSON.stringify(match)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
