import { Converter } from 'opencc-js/t2cn';

/*
 * Search compares text in one form: lower case, half-width, Simplified Chinese. The mapping is
 * one UTF-16 unit to one, so a match found in normalized text highlights the same span of the
 * original, and it is a table lookup per character, fast enough for a whole archive.
 */

// OpenCC's Hong Kong → mainland tables: 發展 → 发展, 峰會 → 峰会, 臺灣 → 台湾.
const toSimplified = Converter({ from: 'hk', to: 'cn' });

/** Normalized form of every BMP code unit, filled in on first sight. 0 marks "not yet known". */
const table = new Uint16Array(0x10000);

export function isHanCode(code: number): boolean {
  return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function normalizeCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 0x80) return code;
  if (code >= 0xd800 && code <= 0xdfff) return code; // halves of astral characters stay as they are
  if (code >= 0xff01 && code <= 0xff5e) return normalizeCode(code - 0xfee0); // Ａ → a
  if (code === 0x3000) return 0x20; // ideographic space
  const char = String.fromCharCode(code);
  // A character that maps to more than one unit would shift positions; it is kept as it is.
  const mapped = isHanCode(code) ? toSimplified(char) : char.toLowerCase();
  return mapped.length === 1 ? mapped.charCodeAt(0) : code;
}

/** The normalized form of one UTF-16 code unit. */
export function normalizedCode(code: number): number {
  let mapped = table[code] as number;
  if (mapped === 0) {
    mapped = normalizeCode(code);
    table[code] = mapped;
  }
  return mapped;
}

export function normalizeForSearch(text: string): string {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = normalizedCode(text.charCodeAt(i));
  return decoder.decode(out);
}

const decoder = new TextDecoder('utf-16le');
