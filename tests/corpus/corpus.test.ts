import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticleBody } from '@/lib/content/articleBody';
import { ContentIndex } from '@/lib/content/contentIndex';
import { loadArticles } from '@/lib/content/loadArticles';
import { renderMarkdown } from '@/lib/markdown/render';
import { matchRoute } from '@/lib/routeMatch';
import { articleUrl } from '@/lib/urls';

/**
 * Holds the loader, the index, URLs and the Markdown pipeline to the real corpus: every file
 * loads or yields a reported problem, every body renders, every article's URL leads back to it.
 */
const corpusDir = path.resolve(process.env.CORPUS_DIR ?? path.join(import.meta.dirname, '../../../shared/corpus/content'));
const languages = ['en', 'zh-CN', 'zh-HK'];

describe.skipIf(!existsSync(corpusDir))(`the corpus at ${corpusDir}`, () => {
  it('loads every file or reports why not, renders every body, and resolves every URL', async () => {
    const started = performance.now();
    const { articles, problems, fileCount } = await loadArticles(corpusDir, { languages, defaultLanguage: 'en', timeZone: 'Asia/Shanghai' });
    const loadMs = performance.now() - started;

    const filesWithErrors = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
    const loadedFiles = new Set(articles.map((a) => a.file));
    for (const file of filesWithErrors) expect(loadedFiles.has(file), `${file} both loaded and failed`).toBe(false);
    expect(loadedFiles.size + filesWithErrors.size).toBe(fileCount);

    const index = new ContentIndex(articles, languages);
    const context = { index, languageCodes: languages, defaultLanguage: 'en', passThrough: new Set<string>() };
    const unreachable = articles.filter((a) => matchRoute(articleUrl(a), context).kind !== 'page' || index.article(a.lang, a.slug) !== a);
    expect(unreachable.map((a) => a.file)).toEqual([]);

    const renderStarted = performance.now();
    let rendered = 0;
    let htmlBytes = 0;
    for (const article of articles) {
      const { html } = await renderMarkdown(await readArticleBody(corpusDir, article), { siteOrigin: 'https://broadsheet.example', math: article.mathjax });
      expect(html).not.toMatch(/<script|javascript:|onerror=/i);
      htmlBytes += html.length;
      rendered++;
    }
    const renderMs = performance.now() - renderStarted;

    const byField = new Map<string, number>();
    for (const p of problems) byField.set(`${p.severity} ${p.field}`, (byField.get(`${p.severity} ${p.field}`) ?? 0) + 1);
    const perLanguage = languages.map((lang) => `${lang} ${index.articles(lang).length}`).join(', ');
    console.log(
      [
        `corpus: ${fileCount} files, ${articles.length} articles loaded (${perLanguage}), ${filesWithErrors.size} left out with an error`,
        `problems: ${problems.length} (${[...byField].map(([k, v]) => `${k}: ${v}`).join('; ') || 'none'})`,
        `load + index: ${Math.round(loadMs)} ms; rendered ${rendered} bodies (${(htmlBytes / 1e6).toFixed(1)} MB of HTML) in ${Math.round(renderMs)} ms`,
        `terms: ${languages.map((l) => `${l} ${index.termsOf(l, 'categories').length} categories / ${index.termsOf(l, 'tags').length} tags`).join(', ')}`,
      ].join('\n'),
    );
    expect(rendered).toBe(articles.length);
  });

  it('redirects the Hugo URL of every article to it', async () => {
    const { articles } = await loadArticles(corpusDir, { languages, defaultLanguage: 'en', timeZone: 'Asia/Shanghai' });
    const index = new ContentIndex(articles, languages);
    const context = { index, languageCodes: languages, defaultLanguage: 'en', passThrough: new Set<string>() };
    // Hugo's URL, from the file path alone: lowercased, the default language unprefixed and
    // without its suffix, the others under /zh-cn/ with `.zh-cn` kept, and a trailing slash.
    const hugoUrl = (file: string) => {
      const [lang, ...rest] = file.replace(/\.md$/, '').split('/');
      const segments = rest.map((segment) => segment.toLowerCase());
      if (lang === 'en') segments[segments.length - 1] = segments.at(-1)!.replace(/\.en$/, '');
      else segments.unshift(lang!.toLowerCase());
      return `/${segments.map(encodeURIComponent).join('/')}/`;
    };
    const wrong = articles.flatMap((article) => {
      const match = matchRoute(hugoUrl(article.file), context);
      const target = index.articleIgnoringCase(article.lang, article.slug);
      return match.kind === 'redirect' && match.location === articleUrl(target!) ? [] : [`${hugoUrl(article.file)} → ${JSON.stringify(match)}`];
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
