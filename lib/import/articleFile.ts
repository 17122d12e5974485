import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import yaml from 'js-yaml';
import { formatDate, parseDate } from '@/lib/content/dates';
import { markdownToPlainText, replaceTags } from '@/lib/content/excerpt';
import type { FeedItem } from './feedItem';
import { htmlToMarkdown } from './htmlToMarkdown';
import { summarize } from './summary';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const MAX_NAME = 100;

const isDashOrDot = (code: number) => code === 0x2d || code === 0x2e;

/** Without leading and trailing `-` and `.`: `/[-.]+$/` would scan every run of them to its end. */
function trimDashesAndDots(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && isDashOrDot(name.charCodeAt(start))) start++;
  while (end > start && isDashOrDot(name.charCodeAt(end - 1))) end--;
  return name.slice(start, end);
}

/**
 * A file or folder name from anything a source calls an id: letters, digits and . _ , - only, no
 * leading dot, at most 100 characters (a longer one keeps its start and a hash of the whole).
 * `../../x` becomes `x`; nothing can leave its folder.
 */
export function safeName(raw: string): string {
  const cleaned = trimDashesAndDots(
    raw
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_.,-]+/gu, '-')
      .replace(/-{2,}/g, '-'),
  );
  if (!cleaned) return md5(raw);
  return cleaned.length > MAX_NAME ? `${cleaned.slice(0, 60)}-${md5(raw).slice(0, 16)}` : cleaned;
}

/** Plain text of HTML as a title or summary shows it: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return decodeHTML(replaceTags(html, ' ')).replace(/\s+/g, ' ').trim();
}

/** "2025-02-08 03:17:28" in the site's zone, from whatever the source wrote; undefined if it is no date. */
export function frontMatterDate(published: FeedItem['published'], timeZone: string, now = Date.now()): string | undefined {
  if (published === undefined || published === '') return formatDate(now, 'YYYY-MM-DD HH:mm:ss', timeZone);
  if (typeof published === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(published.trim())) {
    // As written, like the aggregator's script: the source already used the site's zone.
    return parseDate(published.trim(), timeZone) === undefined ? undefined : published.trim();
  }
  const epoch = published instanceof Date ? published.getTime() : (parseDate(published, timeZone) ?? Date.parse(published));
  return Number.isNaN(epoch) || epoch === undefined ? undefined : formatDate(epoch, 'YYYY-MM-DD HH:mm:ss', timeZone);
}

/** A thumbnail the site accepts (http, https, or a protocol-relative URL), else none. */
function thumbnailOf(image: string | undefined): string {
  const value = image?.trim() ?? '';
  return /^(https?:)?\/\/[^\s"<>]+$/i.test(value) ? value : '';
}

export interface ArticleFile {
  /** Relative to the content folder: "en/news/benzinga/1234.en.md". */
  path: string;
  text: string;
}

/** Why an item becomes no article. */
export type SkipReason = 'not news' | 'no title' | 'no date' | 'no text';

/**
 * An item as a Markdown file in the corpus's exact shape: the seventeen front-matter keys in
 * their order, written by a YAML library (so quotes, backslashes, colons, `#`, a leading `-` or
 * a line break in a title cannot break it), then the body converted from HTML and the source link.
 */
export function articleFile(item: FeedItem, options: { folder: string; language: string; timeZone: string; now?: number }): ArticleFile | SkipReason {
  if (item.kind !== undefined && item.kind !== 1) return 'not news';
  const title = plainText(item.title ?? '');
  if (!title) return 'no title';
  const date = frontMatterDate(item.published, options.timeZone, options.now);
  if (!date) return 'no date';
  const markdown = htmlToMarkdown(item.description ?? '');
  const source = plainText(item.source ?? '') || options.folder;
  const link = item.link?.trim();
  const linkText = source.replace(/[[\]\\]/g, '\\$&');
  const sourceLink = link && /^https?:\/\//i.test(link) ? `[${linkText}](${link.replace(/[()\s<>]/g, encodeURIComponent)})` : '';
  const body = [markdown, sourceLink].filter(Boolean).join('\n\n');
  if (!body) return 'no text';
  const frontMatter = {
    title,
    date,
    summary: summarize(markdownToPlainText(markdown)),
    categories: [source],
    lang: [options.language],
    translations: [options.language],
    tags: [source],
    menu: '',
    thumbnail: thumbnailOf(item.image),
    lead: '',
    comments: false,
    authorbox: false,
    pager: true,
    toc: false,
    mathjax: false,
    sidebar: 'right',
    widgets: ['search', 'recent', 'taglist'],
  };
  const id = item.id?.trim()
    ? safeName(item.id.trim())
    : md5(`${title}${item.published instanceof Date ? item.published.toISOString() : (item.published ?? '')}`);
  const yamlText = yaml.dump(frontMatter, { forceQuotes: true, quotingType: '"', lineWidth: -1, noRefs: true });
  return {
    path: `${options.language}/news/${safeName(options.folder)}/${id}.${options.language}.md`,
    text: `---\n${yamlText}---\n\n${body}\n`,
  };
}
