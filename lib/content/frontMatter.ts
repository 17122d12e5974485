import matter from 'gray-matter';
import yaml from 'js-yaml';
import { decodeHTML } from 'entities';
import type { SidebarPosition } from '@/lib/config/types';
import { loneSurrogates, nonXmlChars, withoutLoneSurrogates } from '@/lib/xml/chars';
import { parseDate } from './dates';
import { newsroomKeys, readNewsroomFields } from './newsroomFields';
import { type ProblemList, shownValue } from './problems';
import type { FrontMatter, Thumbnail } from './types';
import { readSchedule, scheduleKeys } from './schedule';
import { readBreaking } from './breaking';

/** Every key Broadsheet reads: the corpus's 17, plus Mainroad's optional ones. */
export const knownKeys = new Set([
  'title', 'date', 'summary', 'categories', 'lang', 'translations', 'tags', 'menu', 'thumbnail',
  'lead', 'comments', 'authorbox', 'pager', 'toc', 'mathjax', 'sidebar', 'widgets',
  'description', 'lastmod', 'draft',
  // Takedowns and moves: Hugo's `aliases`, and Broadsheet's `unpublish` and `redirect`.
  'aliases', 'unpublish', 'redirect',
  // Schedules (lib/content/schedule.ts): Hugo's names, in both cases, and its aliases.
  ...scheduleKeys,
  // Live coverage (lib/content/liveEntries.ts), breaking news (lib/content/breaking.ts).
  'live', 'breaking',
  // The newsroom's: bylines, corrections, labels (newsroomFields.ts).
  ...newsroomKeys,
]);

/** Characters taken out of one line of front matter before it was parsed. */
export interface RemovedCharacters {
  /** 1-based line in the file. */
  line: number;
  /** The top-level key the line belongs to, or "front matter". */
  field: string;
  /** Code points, as `U+0008`. */
  characters: string[];
}

export interface SplitFile {
  /** Parsed YAML, or undefined when the file has no front matter. */
  data: Record<string, unknown> | undefined;
  body: string;
  /** The raw front-matter lines, used to find the line of a key. */
  frontMatterLines: string[];
  /** Characters YAML refuses, removed so the rest could be read (the reader warns of each line). */
  removed: RemovedCharacters[];
}

export class FrontMatterSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** BOM and CR line ends come from editors on every platform; nothing downstream should see them. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

// CORE_SCHEMA keeps `2025-02-08 03:17:28` a string: js-yaml's default schema would turn an
// unquoted date into a UTC Date and lose the site's time zone.
const yamlEngine = {
  parse: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object,
};

/**
 * What js-yaml refuses anywhere in a front matter, as its PATTERN_NON_PRINTABLE does ("the
 * stream contains non-printable characters", and the whole front matter is lost): control
 * characters other than tab, line ends and NEL, U+FFFE, U+FFFF, and half a surrogate pair alone.
 * Pasted text brings them (a backspace in a headline).
 */
const NON_PRINTABLE_RUN =
  /(?:[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])+/g;

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The top-level key a line starts, if it starts one: `title: …` or `"title": …`. */
function keyOfLine(line: string): string | undefined {
  if (line === '' || /^[\s#-]/.test(line)) return undefined;
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const key = line.slice(0, colon).trim();
  return key.length > 1 && (key[0] === '"' || key[0] === "'") && key.at(-1) === key[0] ? key.slice(1, -1) : key;
}

/** The front matter without the characters YAML refuses, and where each was. */
function withoutNonPrintable(frontMatter: string): { text: string; removed: RemovedCharacters[] } {
  if (frontMatter.search(NON_PRINTABLE_RUN) < 0) return { text: frontMatter, removed: [] };
  const removed: RemovedCharacters[] = [];
  let field = 'front matter';
  const lines = frontMatter.split('\n').map((line, index) => {
    const codes = new Set<number>();
    const clean = line.replace(NON_PRINTABLE_RUN, (run: string) => {
      for (let i = 0; i < run.length; i++) codes.add(run.charCodeAt(i));
      return '';
    });
    field = keyOfLine(clean) ?? field;
    // A comment belongs to no field.
    if (codes.size > 0) removed.push({ line: index + 1, field: clean.startsWith('#') ? 'front matter' : field, characters: [...codes].map(codePoint) });
    return clean;
  });
  return { text: lines.join('\n'), removed };
}

const OPENING_FENCE = /^---[ \t]*\n/;
const CLOSING_FENCE = /\n---[ \t]*(?:\n|$)/;

/** Where the body starts: after the closing fence, or 0 with no front matter; -1 if it is unclosed. */
function bodyStartOf(normalised: string): number {
  if (!OPENING_FENCE.test(normalised)) return 0;
  const fence = CLOSING_FENCE.exec(normalised.slice(3));
  return fence ? 3 + fence.index + fence[0].length : -1;
}

/** The body alone, without parsing the YAML: for search. None when the front matter has no end (in the text given). */
export function bodyOf(text: string): string {
  const normalised = normaliseText(text);
  const start = bodyStartOf(normalised);
  return start < 0 ? '' : normalised.slice(start);
}

/** Splits a Markdown file into front matter and body. Throws FrontMatterSyntaxError on bad YAML. */
export function splitFile(text: string): SplitFile {
  const normalised = normaliseText(text);
  const bodyStart = bodyStartOf(normalised);
  if (bodyStart === 0) return { data: undefined, body: normalised, frontMatterLines: [], removed: [] };
  if (bodyStart < 0) throw new FrontMatterSyntaxError('the front matter has no closing "---" line', 1);
  const frontMatter = withoutNonPrintable(normalised.slice(0, bodyStart));
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter gets the front matter alone: it caches and copies whatever it is given.
    parsed = matter(frontMatter.text, { engines: { yaml: yamlEngine } });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    // The YAML starts on line 2, after the opening `---`.
    throw new FrontMatterSyntaxError(`invalid YAML: ${reason}`, mark?.line !== undefined ? mark.line + 2 : undefined);
  }
  const data = parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? parsed.data : {};
  return { data, body: normalised.slice(bodyStart), frontMatterLines: parsed.matter.replace(/^\n/, '').split('\n'), removed: frontMatter.removed };
}

/** The 1-based file line of a top-level key, for messages that point an editor at it. */
export function lineOfKey(frontMatterLines: readonly string[], key: string): number | undefined {
  const index = frontMatterLines.findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`));
  return index === -1 ? undefined : index + 2;
}

/** Text fields: entities left in by feed converters (`&#39;`) are decoded once, here. */
function cleanText(value: string): string {
  return decodeHTML(value).replace(/[\u2028\u2029]/g, ' ').trim();
}

export interface Reader {
  problems: ProblemList;
  line(key: string): number | undefined;
}

/**
 * A YAML escape ("\uD800") can make a lone surrogate, which is no character: UTF-8, and so the
 * catalog, pages and feeds, cannot hold it (SQLite would keep three U+FFFD). Left out, and said.
 */
function withoutLoneSurrogatesSaid(key: string, texts: readonly string[], r: Reader): string[] {
  const found = [...new Set(texts.flatMap(loneSurrogates))];
  if (found.length === 0) return [...texts];
  r.problems.warn(key, `contains ${found.join(', ')}, half of a character (a lone surrogate) that UTF-8 cannot hold; left out`, r.line(key));
  return texts.map((text) => withoutLoneSurrogates(text).trim());
}

function readText(data: Record<string, unknown>, key: string, r: Reader): string {
  const value = data[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return withoutLoneSurrogatesSaid(key, [cleanText(value)], r)[0]!;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  r.problems.warn(key, `expected text, found ${Array.isArray(value) ? 'a list' : 'a mapping'}; ignored`, r.line(key));
  return '';
}

/** A list of names; a single string is accepted as a list of one, empty entries are dropped. */
function readList(data: Record<string, unknown>, key: string, r: Reader): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' || typeof item === 'number') {
      out.push(cleanText(String(item)));
    } else if (item !== null) {
      r.problems.warn(key, `list entries must be text; ${shownValue(item)} ignored`, r.line(key));
    }
  }
  return [...new Set(withoutLoneSurrogatesSaid(key, out, r).filter(Boolean))];
}

function readBoolean(data: Record<string, unknown>, key: string, fallback: boolean, r: Reader): boolean {
  const value = data[key];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  r.problems.warn(key, `expected true or false, found ${shownValue(value)}; using ${fallback}`, r.line(key));
  return fallback;
}

function readSidebar(data: Record<string, unknown>, r: Reader): SidebarPosition | undefined {
  const value = data.sidebar;
  if (value === undefined || value === null || value === '') return undefined;
  if (value === false || value === 'false') return false;
  if (value === 'left' || value === 'right') return value;
  r.problems.warn('sidebar', `expected "left", "right" or false, found ${shownValue(value)}; using the site default`, r.line('sidebar'));
  return undefined;
}

/** Image sources Broadsheet will put in a page: http(s), protocol-relative (made https) or site paths. */
export function safeImageSource(src: string): string | undefined {
  const trimmed = src.trim();
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('//')) return `https:${trimmed}`;
  if (trimmed.startsWith('/')) return trimmed;
  return undefined;
}

function readThumbnail(data: Record<string, unknown>, r: Reader): Thumbnail | undefined {
  const value = data.thumbnail;
  if (value === undefined || value === null || value === '') return undefined;
  let src: unknown = value;
  let visibility: Thumbnail['visibility'];
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    src = record.src;
    if (record.visibility !== undefined) {
      // Lists and mappings are shown, not joined: String() writes out every entry of an aliased one.
      const places = (Array.isArray(record.visibility) ? record.visibility : [record.visibility]).map((v) => (v !== null && typeof v === 'object' ? shownValue(v) : String(v)));
      const unknown = places.filter((v) => v !== 'list' && v !== 'post');
      const listed = unknown.join(', ');
      if (unknown.length) r.problems.warn('thumbnail', `visibility may hold "list" and "post"; ${listed.length > 80 ? `${listed.slice(0, 80)}…` : listed} ignored`, r.line('thumbnail'));
      visibility = { list: places.includes('list'), post: places.includes('post') };
    }
  }
  if (typeof src !== 'string' || src.trim() === '') {
    if (src !== '') r.problems.warn('thumbnail', 'expected a URL or {src, visibility}; ignored', r.line('thumbnail'));
    return undefined;
  }
  const safe = safeImageSource(src);
  if (!safe) {
    r.problems.warn('thumbnail', `"${src.slice(0, 80)}" is not an http(s) URL or a site path; ignored`, r.line('thumbnail'));
    return undefined;
  }
  return visibility ? { src: safe, visibility } : { src: safe };
}

function readDate(data: Record<string, unknown>, key: string, timeZone: string, r: Reader): number | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === '') return undefined;
  const epoch = parseDate(value, timeZone);
  if (epoch === undefined) {
    r.problems.warn(key, `${shownValue(value)} is not a date (use "2025-02-08 03:17:28", ISO 8601 or RFC 2822)`, r.line(key));
  }
  return epoch;
}

/** Fields that feeds and sitemaps carry: characters XML cannot carry are left out there, and the editor is told. */
function warnOfNonXmlChars(key: string, texts: readonly string[], r: Reader): void {
  const chars = [...new Set(texts.flatMap(nonXmlChars))];
  if (chars.length === 0) return;
  r.problems.warn(key, `contains ${chars.join(', ')}, which XML cannot carry; feeds and sitemaps leave ${chars.length > 1 ? 'them' : 'it'} out`, r.line(key));
}

/** Where a moved article now is: a path on this site ("/en/news/x") or an http(s) address. */
function readRedirect(data: Record<string, unknown>, r: Reader): string | undefined {
  const value = readText(data, 'redirect', r);
  if (!value) return undefined;
  if (/^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/i.test(value)) return value;
  r.problems.warn('redirect', `${shownValue(value)} is neither a path on this site ("/en/news/…") nor an http(s) address; ignored`, r.line('redirect'));
  return undefined;
}

export interface ReadFrontMatterResult {
  /** Title and date are undefined when missing; the loader fills them in. */
  fields: Omit<FrontMatter, 'title' | 'date'> & { title?: string; date?: number };
}

/**
 * Unknown keys named one by one, with their lines; the rest are counted. Finding a line reads the
 * front matter from the top, so naming each of a hundred thousand keys took minutes.
 */
const MAX_UNKNOWN_KEYS = 20;

/** Reads and types every field the corpus and Mainroad use; problems go to the list, never throw. */
export function readFrontMatter(
  data: Record<string, unknown>,
  frontMatterLines: readonly string[],
  timeZone: string,
  problems: ProblemList,
): ReadFrontMatterResult {
  // Each key's line is looked up once: every lookup reads the lines from the top.
  const lines = new Map<string, number | undefined>();
  const line = (key: string) => {
    if (!lines.has(key)) lines.set(key, lineOfKey(frontMatterLines, key));
    return lines.get(key);
  };
  const r: Reader = { problems, line };
  const unknownKeys = Object.keys(data).filter((key) => !knownKeys.has(key));
  for (const key of unknownKeys.slice(0, MAX_UNKNOWN_KEYS)) r.problems.warn(key, 'unknown front-matter key (a typo?); ignored', r.line(key));
  if (unknownKeys.length > MAX_UNKNOWN_KEYS) {
    r.problems.warn('front matter', `${unknownKeys.length - MAX_UNKNOWN_KEYS} more unknown keys (${shownValue(unknownKeys.slice(MAX_UNKNOWN_KEYS))}); ignored`);
  }
  const langList = readList(data, 'lang', r);
  const title = readText(data, 'title', r);
  const summary = readText(data, 'summary', r);
  const categories = readList(data, 'categories', r);
  const tags = readList(data, 'tags', r);
  const description = readText(data, 'description', r);
  const widgets = data.widgets === undefined || data.widgets === null ? undefined : readList(data, 'widgets', r);
  for (const [key, texts] of [['title', [title]], ['summary', [summary]], ['categories', categories], ['tags', tags]] as const) {
    warnOfNonXmlChars(key, texts, r);
  }
  return {
    fields: {
      title: title || undefined,
      date: readDate(data, 'date', timeZone, r),
      lastmod: readDate(data, 'lastmod', timeZone, r),
      summary,
      description: description || undefined,
      categories,
      tags,
      lang: langList[0],
      translations: readList(data, 'translations', r),
      menu: readList(data, 'menu', r),
      thumbnail: readThumbnail(data, r),
      lead: readText(data, 'lead', r),
      comments: readBoolean(data, 'comments', false, r),
      authorbox: readBoolean(data, 'authorbox', false, r),
      pager: readBoolean(data, 'pager', true, r),
      toc: readBoolean(data, 'toc', false, r),
      mathjax: readBoolean(data, 'mathjax', false, r),
      draft: readBoolean(data, 'draft', false, r),
      unpublish: readBoolean(data, 'unpublish', false, r),
      aliases: readList(data, 'aliases', r),
      redirect: readRedirect(data, r),
      sidebar: readSidebar(data, r),
      widgets,
      // Schedules: publishDate and expiryDate (lib/content/schedule.ts).
      ...readSchedule(data, (key) => readDate(data, key, timeZone, r), r),
      // Live coverage: true while live, false once it ended; absent, not a live page.
      live: data.live === undefined || data.live === null || data.live === '' ? undefined : readBoolean(data, 'live', false, r),
      breaking: readBreaking(data, timeZone, r),
      ...readNewsroomFields(data, timeZone, r.problems, r.line),
    },
  };
}
