import { MemoryPostingStore, type PostingStore } from './postingStore';

/*
 * Posting lists: for each token key, the ascending ids of the documents holding it.
 *
 * Most lists sit in one packed segment: the keys sorted in a Uint32Array, each key's start in
 * another, and the ids themselves in a PostingStore (a scratch file in the server, read by
 * offset), four bytes a posting and no object per list. Documents added since the segment was
 * packed go to small growable lists beside it; `pack()` folds them in and drops deleted ids.
 * Ids only grow, so a packed list followed by its recent additions is still in order.
 *
 * A bulk load skips the growable lists: it appends (key, id) pairs, each encoded in one double,
 * to a flat buffer that `pack()` sorts in place. That is several times faster than a map of
 * arrays for millions of postings.
 */
const ID_SPAN = 2 ** 21;
export const MAX_DOCUMENTS = ID_SPAN;

export class Postings {
  private keys = new Uint32Array(0);
  private offsets = new Uint32Array(1);
  private recent = new Map<number, number[]>();
  private recentCount = 0;
  private pairs: Float64Array = new Float64Array(0);
  private pairCount = 0;

  constructor(private readonly store: PostingStore = new MemoryPostingStore()) {}

  /** Adds keys (sorted; repeats skipped) that queries see only after the next `pack()`. */
  addBulk(id: number, keys: ArrayLike<number>): void {
    if (this.pairCount + keys.length > this.pairs.length) this.pairs = grown(this.pairs, this.pairCount, this.pairCount + keys.length);
    let previous = -1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key === previous) continue;
      previous = key;
      this.pairs[this.pairCount++] = key * ID_SPAN + id;
    }
  }

  /** Adds one document's keys (sorted; repeats are skipped); ids must come in ascending order. */
  add(id: number, keys: ArrayLike<number>): void {
    let previous = -1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key === previous) continue;
      previous = key;
      const list = this.recent.get(key);
      if (list) list.push(id);
      else this.recent.set(key, [id]);
      this.recentCount++;
    }
  }

  /** Postings added since the last pack. */
  get unpacked(): number {
    return this.recentCount;
  }

  get keyCount(): number {
    let count = this.keys.length;
    for (const key of this.recent.keys()) if (this.slotOf(key) < 0) count++;
    return count;
  }

  /** Postings in the packed segment. */
  get packed(): number {
    return this.store.length;
  }

  /** Bytes of packed ids, wherever the store keeps them. */
  get bytes(): number {
    return this.store.length * 4;
  }

  /** Bytes of the packed segment's key table, always in memory. */
  get tableBytes(): number {
    return this.keys.byteLength + this.offsets.byteLength;
  }

  /** The key's position in the packed segment, or -1. */
  private slotOf(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.keys.length && this.keys[lo] === key ? lo : -1;
  }

  list(key: number): ArrayLike<number> | undefined {
    const slot = this.slotOf(key);
    const packed = slot < 0 ? undefined : this.store.read(this.offsets[slot] as number, this.offsets[slot + 1] as number);
    const recent = this.recent.get(key);
    if (!recent) return packed;
    if (!packed) return recent;
    const merged = new Uint32Array(packed.length + recent.length);
    merged.set(packed);
    merged.set(recent, packed.length);
    return merged;
  }

  /**
   * Rewrites everything into one packed segment. `renumber` gives each old id its new id, or -1
   * for a deleted document; it must keep the order of the ids it keeps.
   */
  pack(renumber: (id: number) => number = (id) => id): void {
    // Everything becomes (key, id) pairs, renumbered; sorting them lays out each key's list in
    // order. The bulk buffer is reused when it has room: after a first build it always has.
    const packedIds = this.store.read(0, this.store.length);
    const total = packedIds.length + this.recentCount + this.pairCount;
    const pairs = total <= this.pairs.length ? this.pairs : grown(this.pairs, this.pairCount, total);
    this.pairs = new Float64Array(0);
    let count = 0;
    const push = (key: number, id: number) => {
      const renumbered = renumber(id);
      if (renumbered >= 0) pairs[count++] = key * ID_SPAN + renumbered;
    };
    // In place: a pair is read before anything is written at its position (count never passes i).
    for (let i = 0; i < this.pairCount; i++) {
      const pair = pairs[i] as number;
      const key = keyOf(pair);
      push(key, pair - key * ID_SPAN);
    }
    for (let slot = 0; slot < this.keys.length; slot++) {
      const key = this.keys[slot] as number;
      for (let i = this.offsets[slot] as number; i < (this.offsets[slot + 1] as number); i++) push(key, packedIds[i] as number);
    }
    for (const [key, list] of this.recent) for (const id of list) push(key, id);
    const sorted = pairs.subarray(0, count).sort();

    let distinct = 0;
    for (let i = 0, previous = -1; i < count; i++) {
      const key = keyOf(sorted[i] as number);
      if (key !== previous) distinct++;
      previous = key;
    }
    const keys = new Uint32Array(distinct);
    const offsets = new Uint32Array(distinct + 1);
    const ids = new Uint32Array(count);
    for (let i = 0, slot = -1, previous = -1; i < count; i++) {
      const pair = sorted[i] as number;
      const key = keyOf(pair);
      if (key !== previous) {
        keys[++slot] = key;
        offsets[slot] = i;
        previous = key;
      }
      ids[i] = pair - key * ID_SPAN;
    }
    offsets[distinct] = count;
    this.store.replace(ids);
    this.keys = keys;
    this.offsets = offsets;
    this.recent = new Map();
    this.recentCount = 0;
    this.pairCount = 0;
  }
}

/** The key of a (key, id) pair. */
const keyOf = (pair: number) => Math.floor(pair / ID_SPAN);

/** A copy of the first `used` entries with room for at least `needed`, growing by half. */
function grown(pairs: Float64Array, used: number, needed: number): Float64Array {
  const bigger = new Float64Array(Math.max(1 << 16, needed, Math.ceil(pairs.length * 1.5)));
  bigger.set(pairs.subarray(0, used));
  return bigger;
}

/** Ids present in any list, ascending and distinct; each list ascending. */
export function union(lists: readonly ArrayLike<number>[]): ArrayLike<number> {
  if (lists.length <= 1) return lists[0] ?? [];
  const all = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) all[at++] = list[i] as number;
  all.sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i] as number;
  return all.subarray(0, distinct);
}

/** Ids present in every list; each list ascending. */
export function intersect(input: readonly ArrayLike<number>[]): number[] {
  const lists = [...input].sort((a, b) => a.length - b.length);
  const [first, ...rest] = lists;
  if (!first) return [];
  const cursors = rest.map(() => 0);
  const out: number[] = [];
  candidates: for (let c = 0; c < first.length; c++) {
    const id = first[c] as number;
    for (let r = 0; r < rest.length; r++) {
      const list = rest[r] as ArrayLike<number>;
      // Binary search onward from the last position: the shortest list drives.
      let lo = cursors[r] as number;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((list[mid] as number) < id) lo = mid + 1;
        else hi = mid;
      }
      cursors[r] = lo;
      if (lo >= list.length) break candidates;
      if (list[lo] !== id) continue candidates;
    }
    out.push(id);
  }
  return out;
}
