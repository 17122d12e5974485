/*
 * The first ATX heading of a Markdown body (`## Title ##`), for an article with no title: the
 * text `/^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m` captured, found line by line. That
 * expression tried every end of its lazy text against the closing `#`s and spaces, so a long run
 * of spaces in a heading line cost the square of its length (40 KB took 5 s).
 */

const HEADING_START = /^ {0,3}#{1,6}[ \t]/;
const LINE_END = /[\n\r\u2028\u2029]/g;

const isBlank = (code: number) => code === 0x20 || code === 0x09;

/** A line's heading text, untrimmed, or undefined when the line is no heading. */
function headingText(line: string): string | undefined {
  const start = HEADING_START.exec(line);
  if (!start) return undefined;
  let from = start[0].length;
  while (from < line.length && isBlank(line.charCodeAt(from))) from++;
  // Nothing but blanks: the text is the last of them, when there are two or more.
  if (from === line.length) return from > start[0].length ? line.slice(-1) : undefined;
  let end = line.length;
  while (isBlank(line.charCodeAt(end - 1))) end--;
  // A closing run of `#`s counts only after a blank.
  let hashes = end;
  while (hashes > from && line.charCodeAt(hashes - 1) === 0x23) hashes--;
  let before = hashes;
  while (before > from && isBlank(line.charCodeAt(before - 1))) before--;
  return line.slice(from, hashes < end && before < hashes ? before : end);
}

/** The text of the first heading line, untrimmed; undefined when there is none. */
export function firstHeading(markdown: string): string | undefined {
  let start = 0;
  LINE_END.lastIndex = 0;
  for (;;) {
    const end = LINE_END.exec(markdown)?.index ?? markdown.length;
    const text = headingText(markdown.slice(start, end));
    if (text !== undefined || end === markdown.length) return text;
    start = end + 1;
  }
}
