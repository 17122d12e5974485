/** Categories and tags: how a term's display name becomes the key used in its URL. */

export const taxonomies = ['categories', 'tags'] as const;
export type Taxonomy = (typeof taxonomies)[number];

export function isTaxonomy(value: string): value is Taxonomy {
  return (taxonomies as readonly string[]).includes(value);
}

/**
 * Hugo's urlize, so that term URLs stay what Hugo made them: lower case, white space to "-",
 * punctuation other than "-" "_" "." dropped, letters of every script kept ("美股" stays "美股").
 * "Dow Jones Newswires" and "dow-jones-newswires" are the same term, as they were in Hugo.
 */
export function termSlug(name: string): string {
  const slug = name
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\s+/gu, '-')
    .replace(/[^\p{L}\p{M}\p{N}_.-]/gu, '')
    .replace(/-{2,}/g, '-');
  // A term of punctuation alone still needs a stable, non-empty key.
  return slug.replace(/^[.]+$/, '') || `term-${[...name].map((c) => c.codePointAt(0)?.toString(16)).join('')}`;
}
