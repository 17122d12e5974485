/** The characters HTML text cannot hold as they are; one native pass each (a callback per character took a second a megabyte). */
function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll('\0', '\uFFFD');
}

/**
 * A body as its plain text, escaped, one paragraph per run of non-blank lines: what a reader gets
 * when the Markdown could not be rendered in time. Every character the editor wrote is kept, in
 * time linear in the body's length whatever it holds.
 */
export function plainBodyHtml(markdown: string): string {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.trim() !== '') {
      lines.push(line.trim());
    } else if (lines.length > 0) {
      paragraphs.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) paragraphs.push(lines.join('\n'));
  return paragraphs.map((paragraph) => `<p>${escapeText(paragraph)}</p>`).join('\n');
}
