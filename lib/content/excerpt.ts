/**
 * Markdown's text with its markup taken out, by pattern rather than by parsing, its spacing left
 * as it is: what the search index reads (it splits words at any space or punctuation, so spacing
 * and lines of dashes change nothing there, and tidying them took two thirds of the time).
 */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)?/g, ' ') // images, including unclosed ones
    .replace(/\[([^\]]*)\]\([^)]*\)?/g, '$1') // links keep their text
    .replace(/<[^>]*>/g, ' ') // raw HTML tags
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
