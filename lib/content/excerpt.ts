/*
 * Links, images and tags are found by scanning, not by `/\[[^\]]*\]\(…/g` or `/<[^>]*>/g`: those
 * restart at every `[` or `<` of a run that never closes, and scan to its end each time (80 KB of
 * `[` took 6 s; a megabyte, minutes, on the thread that publishes every file). These find exactly
 * what the expressions found, in one pass (tests/hostileText.test.ts holds them to it).
 */

const PAREN_OPEN = 0x28;

/**
 * `[text](address)` (or, with `bang`, `![text](address)`) replaced by `replace(text)`, as
 * `/!?\[([^\]]*)\]\([^)]*\)?/g` replaces it: the text runs to the first `]`, the address to the
 * first `)` or, unclosed, to the end.
 */
function replaceLinks(markdown: string, bang: boolean, replace: (text: string) => string): string {
  const opener = bang ? '![' : '[';
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const open = markdown.indexOf(opener, from);
    if (open < 0) break;
    const textStart = open + opener.length;
    const close = markdown.indexOf(']', textStart);
    // No `]` after this opener, so none after any later one.
    if (close < 0) break;
    if (markdown.charCodeAt(close + 1) !== PAREN_OPEN) {
      // Every opener before this `]` ends at it too, and fails the same way.
      from = close + 1;
      continue;
    }
    const paren = markdown.indexOf(')', close + 2);
    const end = paren < 0 ? markdown.length : paren + 1;
    out += markdown.slice(copied, open) + replace(markdown.slice(textStart, close));
    copied = from = end;
  }
  return copied === 0 ? markdown : out + markdown.slice(copied);
}

/** Every `<…>` replaced by `by`, as `/<[^>]*>/g` replaces them. */
export function replaceTags(text: string, by: string): string {
  let out = '';
  let copied = 0;
  for (;;) {
    const open = text.indexOf('<', copied);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    // No `>` after this `<`, so none after any later one.
    if (close < 0) break;
    out += text.slice(copied, open) + by;
    copied = close + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Markdown's text with its markup taken out, by pattern rather than by parsing, its spacing left
 * as it is: what the search index reads (it splits words at any space or punctuation, so spacing
 * and lines of dashes change nothing there, and tidying them took two thirds of the time).
 */
export function markdownText(markdown: string): string {
  const withoutImages = replaceLinks(markdown, true, () => ' '); // images, including unclosed ones
  const withoutLinks = replaceLinks(withoutImages, false, (text) => text); // links keep their text
  return replaceTags(withoutLinks, ' ') // raw HTML tags
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '') // block markers
    .replace(/[*_`~|]+/g, '')
    .replace(/https?:\/\/\S+/g, ' ');
}

/** Markdown as plain text on one line: exact enough for excerpts and snippets. */
export function markdownToPlainText(markdown: string): string {
  return markdownText(markdown)
    .replace(/^-{3,}$/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A plain-text opening of a Markdown body, for list entries whose summary is empty. */
export function plainExcerpt(markdown: string, maxLength = 160): string {
  const text = markdownToPlainText(markdown.slice(0, 4000));
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  // Break at a space when one is near the end; Chinese text has none and is cut where it stands.
  const space = cut.lastIndexOf(' ');
  return `${space > maxLength - 20 ? cut.slice(0, space) : cut}…`;
}
