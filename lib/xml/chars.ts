/*
 * The characters text may hold but a feed or sitemap cannot carry. Every XML the site writes drops
 * them here and nowhere else; everything else an editor wrote is kept (escaped, never rewritten).
 */

// The complement of XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets): C0 controls
// but tab, LF and CR; lone surrogates (the `u` flag reads them as code points D800 to DFFF); U+FFFE
// and U+FFFF. C1 controls and U+007F are Chars in XML 1.0, so they stay.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// A surrogate not in a pair is no character: UTF-8 cannot encode it (an encoder writes U+FFFD), and
// JSON leaves its escape to each parser (strict ones, serde_json and I-JSON, refuse the document).
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/** The text without the characters XML 1.0 cannot carry. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** The characters of the text XML cannot carry, as "U+0008", each once, in order of appearance. */
export function nonXmlChars(text: string): string[] {
  return codePointNames(text.matchAll(NOT_XML_CHAR));
}

/** The text without lone surrogates: what UTF-8 and every JSON parser can carry. */
export function withoutLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '');
}

/** The lone surrogates of the text, as "U+D800", each once. */
export function loneSurrogates(text: string): string[] {
  return codePointNames(text.matchAll(LONE_SURROGATE));
}

function codePointNames(matches: Iterable<RegExpMatchArray>): string[] {
  const names = new Set<string>();
  for (const [char] of matches) names.add(`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...names];
}
