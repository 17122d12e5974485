import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Fonts for social preview images. Satori draws only glyphs it is given, and a Chinese title
 * needs a CJK font: Noto Sans SC (SIL OFL, from @fontsource) in bold, split by Unicode range into
 * about a hundred small files. Only the files a title's characters fall in are read, then kept.
 */

const PACKAGE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules/@fontsource/noto-sans-sc');
const FONT_NAME = 'Noto Sans SC';
export const FONT_WEIGHT = 700;

interface Subset {
  file: string;
  ranges: [number, number][];
}

let subsets: Subset[] | undefined;
const loaded = new Map<string, ArrayBuffer>();

/** The @font-face blocks of the package's CSS: each woff file and the code points it holds. */
function readSubsets(): Subset[] {
  const css = readFileSync(path.join(PACKAGE, `${FONT_WEIGHT}.css`), 'utf8');
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap((block) => {
    const body = block[1] as string;
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    if (!file || !range) return [];
    const ranges = range.split(',').map((part): [number, number] => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from as string, 16), parseInt((to ?? from) as string, 16)];
    });
    return [{ file, ranges }];
  });
}

/**
 * The font files covering `text`, read on first use. Each gets a name of its own: Satori keeps
 * one font per name, weight and style, and falls back along the family list for the rest.
 */
export function fontsFor(text: string): { name: string; data: ArrayBuffer; weight: 700; style: 'normal' }[] {
  subsets ??= readSubsets();
  const needed = new Set<string>();
  for (const char of new Set(text)) {
    const code = char.codePointAt(0) as number;
    const subset = subsets.find((s) => s.ranges.some(([from, to]) => code >= from && code <= to));
    if (subset) needed.add(subset.file);
  }
  return [...needed].map((file) => {
    let data = loaded.get(file);
    if (!data) {
      const buffer = readFileSync(path.join(PACKAGE, 'files', file));
      data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
      loaded.set(file, data);
    }
    return { name: `${FONT_NAME} ${file}`, data, weight: FONT_WEIGHT, style: 'normal' as const };
  });
}

/** The CSS font-family list naming every font of `fonts`. */
export const fontFamily = (fonts: readonly { name: string }[]) => fonts.map((font) => `"${font.name}"`).join(', ');
