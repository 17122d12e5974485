/*
 * A live page as its route shows it: the introduction and each entry rendered by the same
 * Markdown pipeline as any body (each on the render threads, sanitized), newest first, and the
 * entries as one HTML string: the reader's updater (components/LiveUpdater.tsx) swaps that
 * string in when a later version of the page holds a different one.
 */
import { localize, siteConfig } from '@/lib/config';
import { formatDate, isoInZone } from '@/lib/content/dates';
import { liveEntries } from '@/lib/content/liveEntries';
import { plainExcerpt } from '@/lib/content/excerpt';
import type { ArticleMeta } from '@/lib/content/types';
import { liveStrings } from '@/lib/i18n/live';
import { renderMarkdown } from '@/lib/rendering/markdown/render';

export interface RenderedEntry {
  id: string;
  time: number;
  headline: string;
  html: string;
  /** The opening of its text, plain (for structured data). */
  text: string;
}

export interface LivePage {
  /** True while live (`live: true`), false once ended. */
  live: boolean;
  introHtml: string;
  /** Newest first. */
  entries: RenderedEntry[];
  /** The entries as the page shows them, sanitized HTML. */
  entriesHtml: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One entry: its time (a link to itself), its headline, its text. */
function entryHtml(entry: RenderedEntry, newestDay: string, lang: string): string {
  const { timeZone } = siteConfig;
  const sameDay = formatDate(entry.time, 'YYYY-MM-DD', timeZone) === newestDay;
  const shown = sameDay ? formatDate(entry.time, 'HH:mm', timeZone) : formatDate(entry.time, localize(siteConfig.dateFormat, lang), timeZone);
  const headline = entry.headline ? ` <span class="live-entry-headline">${escapeHtml(entry.headline)}</span>` : '';
  return (
    `<article class="live-entry" id="${entry.id}"><h3 class="live-entry-title">` +
    `<a class="live-entry-time" href="#${entry.id}"><time datetime="${isoInZone(entry.time, timeZone)}">${escapeHtml(shown)}</time></a>${headline}</h3>` +
    `<div class="post-content">${entry.html}</div></article>`
  );
}

/** The entries of a live page as HTML, newest first; a line saying coverage ended first when it has. */
export function entriesHtml(page: Pick<LivePage, 'live' | 'entries'>, lang: string): string {
  const newestDay = page.entries[0] ? formatDate(page.entries[0].time, 'YYYY-MM-DD', siteConfig.timeZone) : '';
  const ended = page.live ? '' : `<p class="live-ended">${escapeHtml(liveStrings(lang).ended)}</p>`;
  return ended + page.entries.map((entry) => entryHtml(entry, newestDay, lang)).join('');
}

/** Renders a live page's body: undefined for an article that is not one. */
export async function renderLivePage(article: ArticleMeta, body: string): Promise<LivePage | undefined> {
  if (article.live === undefined) return undefined;
  const { intro, entries } = liveEntries(body, article.date, siteConfig.timeZone);
  const options = { siteOrigin: siteConfig.baseUrl, math: article.mathjax, typographer: siteConfig.typographer, file: article.file };
  const [introRendered, ...rendered] = await Promise.all([renderMarkdown(intro, options), ...entries.map((entry) => renderMarkdown(entry.markdown, options))]);
  const shown = entries.map((entry, i) => ({
    id: entry.id,
    time: entry.time,
    headline: entry.headline,
    html: rendered[i]?.html ?? '',
    text: plainExcerpt(entry.markdown),
  }));
  const page = { live: article.live, introHtml: introRendered?.html ?? '', entries: shown };
  return { ...page, entriesHtml: entriesHtml(page, article.lang) };
}
