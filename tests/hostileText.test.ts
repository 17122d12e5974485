import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownText, replaceTags } from '@/lib/content/excerpt';
import { firstHeading } from '@/lib/content/firstHeading';
import { safeName } from '@/lib/import/articleFile';
import { htmlToMarkdown } from '@/lib/import/htmlToMarkdown';
import { looksLikeAddress } from '@/lib/rendering/markdown/typography';
import { type HostileCase, hostileCases } from './helpers/hostileCases';
import { HostileRunner } from './helpers/runHostileCase';

/** Linear code takes milliseconds on most of these (a case says when it needs more); quadratic code, minutes to hours. */
const DEADLINE = 20;
const runner = new HostileRunner();
afterAll(() => runner.stop());

describe('a megabyte of the worst case of each reader of untrusted text', () => {
  it.each(Object.keys(hostileCases) as (keyof typeof hostileCases)[])(
    '%s: finishes, with the right result',
    async (name) => {
      const hostile: HostileCase = hostileCases[name];
      const { result } = await runner.run(name, (hostile.deadline ?? DEADLINE) * 1000);
      expect(result).toEqual(hostile.expected);
    },
    120_000,
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

  it('names from upstream ids', () => {
    const before = (raw: string) =>
      raw
        .normalize('NFC')
        .replace(/[^\p{L}\p{N}_.,-]+/gu, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '');
    // Names of more than 100 characters are cut and hashed; these are shorter. Nothing left: the hash.
    for (const text of strings(['-', '.', 'a', '/', ' ', '..'], 10_000, 12)) {
      expect(safeName(text), JSON.stringify(text)).toBe(before(text) || createHash('md5').update(text).digest('hex'));
    }
  });

  it('tracking images in imported HTML', () => {
    const tracked = (src: string) => /(?:\/pixel|\/track|\/beacon|feedburner\.com\/~r|\/open\.gif|\.gif\?.*(?:utm|track))/i.test(src);
    for (const src of strings(['.gif?', '.GIF?', 'utm', 'TRACK', 'x', '\n', '/', '\u2028'], 1_000, 8)) {
      const markdown = htmlToMarkdown(`<img src="${src}" alt="kept">`);
      expect(markdown.includes('kept'), JSON.stringify(src)).toBe(!tracked(src));
    }
  });

  it('link text that is its own address', () => {
    const before = (value: string) => /^(?:[a-z][a-z0-9+.-]*:|www\.)\S*$/i.test(value) || /^\S+@\S+\.\S+$/.test(value);
    for (const text of strings(['@', '.', 'a', ' ', '\u00a0', ':'], 20_000, 10)) {
      expect(looksLikeAddress(text), JSON.stringify(text)).toBe(before(text));
    }
  });
});
