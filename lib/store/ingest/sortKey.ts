/*
 * An article's id in the catalog is its place in time: seconds since the epoch times 2¹⁹, plus
 * 19 bits from its file path. "Newest first" is then simply the order of the primary key, for
 * lists and for full-text results alike (FTS5 returns rowids in order without sorting), and two
 * articles of the same second are ordered the same way on every server. Ids stay below 2⁵³, so
 * JavaScript numbers hold them exactly, for dates from 1843 to 2239.
 */

const TIE_SLOTS = 2 ** 19;
const MIN_SECONDS = -4e9;
const MAX_SECONDS = 8.5e9;

/** FNV-1a: a stable, well-spread hash of the path. */
function pathHash(path: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % TIE_SLOTS;
}

export function sortKey(date: number, path: string): number {
  const seconds = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, Math.floor(date / 1000)));
  return seconds * TIE_SLOTS + pathHash(path);
}

/** The lowest id an article dated in the same second as `date` can have: where a range by date starts. */
export function firstKeyAt(date: number): number {
  return sortKey(date, '') - pathHash('');
}
