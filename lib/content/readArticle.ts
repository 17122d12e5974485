import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { plainExcerpt } from './excerpt';
import { firstHeading } from './firstHeading';
import { latestEntry } from './liveEntries';
import { FrontMatterSyntaxError, lineOfKey, readFrontMatter, type SplitFile, splitFile } from './frontMatter';
import { reservedFirstSegments, routeOfPath } from './paths';
import { type Problem, ProblemList } from './problems';
import type { ArticleMeta } from './types';

export interface LoadOptions {
  languages: readonly string[];
  defaultLanguage: string;
  timeZone: string;
  /** Sidebar widget names the site has; others in `widgets:` are reported. */
  widgetNames?: readonly string[];
}

/** What an unreadable front matter's error adds; the catalog says otherwise where it keeps a last good version live. */
export const LEFT_OUT = '; the article is left out until this is fixed';

/** The file split into front matter and body, or undefined when its front matter cannot be read (reported). */
function splitReporting(text: string, problems: ProblemList): SplitFile | undefined {
  try {
    return splitFile(text);
  } catch (error) {
    if (error instanceof FrontMatterSyntaxError) {
      problems.error('front matter', `${error.message}${LEFT_OUT}`, error.line);
      return undefined;
    }
    throw error;
  }
}

/**
 * A file's index metadata. Undefined when the file cannot be shown (its problems say why); every
 * other oddity is repaired and reported as a warning.
 */
function articleFromSplit(file: string, split: SplitFile, modifiedAt: number, options: LoadOptions, problems: ProblemList): ArticleMeta | undefined {
  const { body } = split;
  if (!split.data) problems.warn('front matter', 'the file has no front matter; title and date are guessed');
  for (const { line, field, characters } of split.removed) {
    problems.warn(field, `removed ${characters.join(', ')}, which YAML cannot read (pasted with the text?); the rest of the line is kept`, line);
  }
  const { fields } = readFrontMatter(split.data ?? {}, split.frontMatterLines, options.timeZone, problems);

  const route = routeOfPath(file, options.languages);
  let lang = route.folderLang ?? route.suffixLang;
  const langLine = lineOfKey(split.frontMatterLines, 'lang');
  if (fields.lang && !options.languages.includes(fields.lang)) {
    problems.warn('lang', `"${fields.lang}" is not a language of this site`, langLine);
  } else if (fields.lang && lang && fields.lang !== lang) {
    problems.warn('lang', `says "${fields.lang}" but the file is in the "${lang}" folder; served as ${lang}`, langLine);
  }
  lang ??= fields.lang && options.languages.includes(fields.lang) ? fields.lang : options.defaultLanguage;

  const unknownTranslations = fields.translations.filter((code) => !options.languages.includes(code));
  if (unknownTranslations.length > 0) {
    problems.warn('translations', `${unknownTranslations.map((c) => `"${c}"`).join(', ')} is not a language of this site (${options.languages.join(', ')})`, lineOfKey(split.frontMatterLines, 'translations'));
  }
  const unknownWidgets = options.widgetNames ? (fields.widgets ?? []).filter((name) => !options.widgetNames!.includes(name)) : [];
  if (unknownWidgets.length > 0) {
    problems.warn('widgets', `unknown widget ${unknownWidgets.map((n) => `"${n}"`).join(', ')} will be skipped (known: ${options.widgetNames!.join(', ')})`, lineOfKey(split.frontMatterLines, 'widgets'));
  }

  if (route.slug.length === 0 || route.slug.some((segment) => segment.trim() === '')) {
    problems.error('path', 'the file name gives no URL; the article is left out');
    return undefined;
  }
  if (reservedFirstSegments.has(route.slug[0]!)) {
    // Author descriptions live beside the language folders (authorFile.ts), never in one.
    const hint = route.slug[0] === 'authors' ? ` (an author's description goes in authors/${route.slug.at(-1)}.md, beside the language folders)` : '';
    problems.error('path', `/${lang}/${route.slug[0]}/ belongs to the site's own pages; move the file elsewhere${hint}`);
    return undefined;
  }

  let title = fields.title;
  if (!title) {
    const heading = firstHeading(body)?.trim();
    title = heading || route.slug[route.slug.length - 1]!;
    problems.warn('title', `missing; using ${heading ? 'the first heading' : 'the file name'} "${title}"`);
  }
  let date = fields.date;
  if (date === undefined) {
    date = modifiedAt;
    if (split.data?.date === undefined || split.data.date === null || split.data.date === '') {
      problems.warn('date', "missing; using the file's modification time");
    }
  }
  if (body.trim() === '') problems.warn('body', 'the article has no text');

  // Every field spelled out, in one order: objects built by spreading `fields` each got a
  // hidden class of their own in V8 (18,000 of them, 13 MB at the corpus's size). `satisfies`
  // makes leaving out a field, optional ones included, a compile error.
  return {
    title,
    date,
    lastmod: fields.lastmod,
    summary: fields.summary,
    description: fields.description,
    categories: fields.categories,
    tags: fields.tags,
    lang,
    translations: fields.translations,
    menu: fields.menu,
    thumbnail: fields.thumbnail,
    lead: fields.lead,
    comments: fields.comments,
    authorbox: fields.authorbox,
    pager: fields.pager,
    toc: fields.toc,
    mathjax: fields.mathjax,
    draft: fields.draft,
    unpublish: fields.unpublish,
    aliases: fields.aliases,
    redirect: fields.redirect,
    sidebar: fields.sidebar,
    widgets: fields.widgets,
    publishDate: fields.publishDate,
    expiryDate: fields.expiryDate,
    live: fields.live,
    breaking: fields.breaking,
    authors: fields.authors,
    corrections: fields.corrections,
    type: fields.type,
    slug: route.slug,
    key: `${lang}/${route.slug.join('/')}`,
    file,
    excerpt: fields.summary ? '' : plainExcerpt(body),
    liveUpdated: fields.live === undefined ? undefined : latestEntry(body, date, options.timeZone),
  } satisfies Record<keyof ArticleMeta, unknown>;
}

export interface ReadArticle {
  article?: ArticleMeta;
  problems: Problem[];
  /** Undefined when the file could not be read (gone, or unreadable: see problems). */
  stats?: { mtimeMs: number; size: number };
  /** The whole Markdown body, for the search index. */
  body?: string;
  /** The file's bytes as read, when it is an article: what the catalog publishes and renders. */
  source?: Uint8Array;
}

/** A file's text, its bytes, and what fstat said of it. */
export interface FileText {
  text: string;
  bytes: Uint8Array;
  stats: { mtimeMs: number; size: number };
}

/** A file's text and what fstat said of it, read together through one descriptor. */
export function readFileText(contentDir: string, file: string): FileText {
  const fd = openSync(path.join(contentDir, file), 'r');
  try {
    const { mtimeMs, size } = fstatSync(fd);
    const bytes = readFileSync(fd);
    return { text: bytes.toString('utf8'), bytes, stats: { mtimeMs, size } };
  } finally {
    closeSync(fd);
  }
}

/**
 * One whole file, body included (the catalog indexes it for search). Never throws. `read`: its
 * text, when another thread has read it already (lib/catalog/fileBytes.ts).
 */
export function readArticleFile(contentDir: string, file: string, options: LoadOptions, read?: FileText): ReadArticle {
  const problems = new ProblemList(file);
  let text: string;
  let bytes: Uint8Array;
  let stats: FileText['stats'];
  try {
    ({ text, bytes, stats } = read ?? readFileText(contentDir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problems: [] };
    problems.error('file', `could not be read: ${(error as Error).message}`);
    return { problems: problems.items };
  }
  try {
    const split = splitReporting(text, problems);
    const article = split && articleFromSplit(file, split, stats.mtimeMs, options, problems);
    return article ? { article, problems: problems.items, stats, body: split?.body, source: bytes } : { problems: problems.items, stats };
  } catch (error) {
    problems.error('file', `could not be read: ${(error as Error).message}`);
    return { problems: problems.items, stats };
  }
}
