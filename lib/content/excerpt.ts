/**
 * Markdown as plain text, by pattern rather than by parsing: fast enough to run over a whole
 * archive for search, and exact enough for excerpts and snippets.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)?/g, ' ') // images, including unclosed ones
    .replace(/\[([^\]]*)\]\([^)]*\)?/g, '$1') // links keep their text
    .replace(/<[^>]*>/g, ' ') // raw HTML tags
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '') // block markers
    .replace(/[*_`~|]+/g, '')
    .replace(/^-{3,}$/gm, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
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
