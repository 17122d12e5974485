import { describe, expect, it } from 'vitest';
import { termSlug } from '@/lib/content/terms';

describe('termSlug', () => {
  it('makes Hugo-style URL keys', () => {
    expect(termSlug('Dow Jones Newswires')).toBe('dow-jones-newswires');
    expect(termSlug('  Business  Standard ')).toBe('business-standard');
    expect(termSlug('S&P 500')).toBe('sp-500');
  });

  it('keeps non-Latin letters', () => {
    expect(termSlug('美股')).toBe('美股');
    expect(termSlug('港股 IPO')).toBe('港股-ipo');
  });

  it('gives punctuation-only terms a stable non-empty key', () => {
    const slug = termSlug('!!!');
    expect(slug).not.toBe('');
    expect(termSlug('!!!')).toBe(slug);
    expect(termSlug('???')).not.toBe(slug);
  });
});
