/*
 * Posting lists: for each token key, the ascending ids of the documents holding it.
 *
 * Most lists sit in one packed segment (offsets into a single Uint32Array: four bytes a
 * posting, no per-list object). Documents added since the segment was packed go to small
 * growable lists beside it; `pack()` folds them in and drops deleted ids. Ids only grow, so a
 * packed list followed by its recent additions is still in order.
 *
 * A bulk load skips the growable lists: it appends (key, id) pairs, each encoded in one double,
 * to a flat buffer that `pack()` sorts. That is several times faster than a map of arrays for
 * millions of postings.
 */
const ID_SPAN = 2 ** 21;
export const MAX_DOCUMENTS = ID_SPAN;

export class Postings {
  private slots = new Map<number, number>();
  private offsets = new Uint32Array(1);
  private ids = new Uint32Array(0);
  private recent = new Map<number, number[]>();
  private recentCount = 0;
  private pairs = new Float64Array(0);
  private pairCount = 0;

  /** Adds keys (sorted; repeats skipped) that queries see only after the next `pack()`. */
  addBulk(id: number, keys: ArrayLike<number>): void {
    if (this.pairCount + keys.length > this.pairs.length) {
      const grown = new Float64Array(Math.max(1 << 16, (this.pairCount + keys.length) * 2));
      grown.set(this.pairs.subarray(0, this.pairCount));
      this.pairs = grown;
    }
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
    let count = this.slots.size;
    for (const key of this.recent.keys()) if (!this.slots.has(key)) count++;
    return count;
  }

  /** Postings in the packed segment. */
  get packed(): number {
    return this.ids.length;
  }

  get bytes(): number {
    return this.ids.byteLength + this.offsets.byteLength;
  }

  list(key: number): ArrayLike<number> | undefined {
    const slot = this.slots.get(key);
    const packed = slot === undefined ? undefined : this.ids.subarray(this.offsets[slot], this.offsets[slot + 1]);
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
    // Everything becomes (key, id) pairs, renumbered; sorting them lays out each key's list in order.
    const total = this.ids.length + this.recentCount + this.pairCount;
    const pairs = new Float64Array(total);
    let count = 0;
    const push = (key: number, id: number) => {
      const renumbered = renumber(id);
      if (renumbered >= 0) pairs[count++] = key * ID_SPAN + renumbered;
    };
    for (const [key, slot] of this.slots) {
      for (let i = this.offsets[slot] as number; i < (this.offsets[slot + 1] as number); i++) push(key, this.ids[i] as number);
    }
    for (const [key, list] of this.recent) for (const id of list) push(key, id);
    for (let i = 0; i < this.pairCount; i++) {
      const pair = this.pairs[i] as number;
      const key = Math.floor(pair / ID_SPAN);
      push(key, pair - key * ID_SPAN);
    }
    const sorted = pairs.subarray(0, count).sort();

    const slots = new Map<number, number>();
    const starts: number[] = [];
    const ids = new Uint32Array(count);
    let previous = -1;
    for (let i = 0; i < count; i++) {
      const pair = sorted[i] as number;
      const key = Math.floor(pair / ID_SPAN);
      if (key !== previous) {
        slots.set(key, starts.length);
        starts.push(i);
        previous = key;
      }
      ids[i] = pair - key * ID_SPAN;
    }
    starts.push(count);
    this.slots = slots;
    this.offsets = Uint32Array.from(starts);
    this.ids = ids;
    this.recent = new Map();
    this.recentCount = 0;
    this.pairs = new Float64Array(0);
    this.pairCount = 0;
  }
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
