import { afterAll, describe, expect, it } from 'vitest';
import { markdownText, replaceTags } from '@/lib/content/excerpt';
import { firstHeading } from '@/lib/content/firstHeading';
import { hostileCases, type HostileCaseName } from './helpers/hostileCases';
import { HostileRunner } from './helpers/runHostileCase';

/** Linear code takes milliseconds on these; quadratic code, minutes to hours. */
const DEADLINE = 20_000;
const runner = new HostileRunner(DEADLINE);
afterAll(() => runner.stop());

describe('a megabyte of the worst case of each reader of untrusted text', () => {
  it.each(Object.keys(hostileCases) as HostileCaseName[])(
    '%s: finishes, with the right result',
    async (name) => {
      const { result } = await runner.run(name);
      expect(result).toEqual(hostileCases[name].expected);
    },
    60_000,
  );
});

/** A seeded generator (mulberry32): the same strings on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` strings of up to `maxLength` pieces drawn from `alphabet`. */
function strings(alphabet: readonly string[], count: number, maxLength = 24, seed = 1): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * (maxLength + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  );
}

describe('scans that replaced regular expressions find exactly what those found', () => {
  it('links, images and tags in search text', () => {
    const before = (markdown: string) =>
      markdown
        .replace(/!\[[^\]]*\]\([^)]*\)?/g, ' ')
        .replace(/\[([^\]]*)\]\([^)]*\)?/g, '$1')
        .replace(/<[^>]*>/g, ' ')
        .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
        .replace(/[*_`~|]+/g, '')
        .replace(/https?:\/\/\S+/g, ' ');
    for (const text of strings(['[', ']', '(', ')', '!', '<', '>', 'a', ' ', '\n', '$1', '# '], 20_000)) {
      expect(markdownText(text), JSON.stringify(text)).toBe(before(text));
    }
  });

  it('tags in imported titles', () => {
    for (const text of strings(['<', '>', 'a', ' ', '\n', '$&'], 10_000)) {
      expect(replaceTags(text, ' '), JSON.stringify(text)).toBe(text.replace(/<[^>]*>/g, ' '));
    }
  });

  it('the first heading of an untitled article', () => {
    const before = (markdown: string) => /^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m.exec(markdown)?.[1];
    for (const text of strings([' ', '\t', '#', '##', 'a', '\n', '\r', '\u2028', '    ', '\n# '], 20_000)) {
      expect(firstHeading(text), JSON.stringify(text)).toBe(before(text));
    }
  });
});
