/** Types of cacheHandler.mjs (plain JavaScript: Next.js loads it at run time, unbundled). */
export interface PageStoreStats {
  pages: number;
  payloadBytes: number;
  fileBytes: number;
  limitBytes: number;
  memoryPages: number;
  memoryBytes: number;
  evictions: number;
  degraded?: string;
}

/** A catalog change whose pages the cache has refreshed: the catalog's id and the change's number. */
export interface AppliedChange {
  catalog: string;
  seq: number;
}

export declare class PageStore {
  constructor(options: { dir: string; buildId: string; diskBytes: number; memoryBytes: number; refreshShare?: number; now?: () => number });
  readonly degraded: string | undefined;
  get(key: string): { lastModified: number; value: unknown; cacheControl?: unknown } | null;
  set(key: string, value: unknown, cacheControl?: unknown): void;
  delete(key: string): void;
  revalidateTags(tags: readonly string[], mode: 'expire' | 'stale', applied?: AppliedChange): void;
  appliedChange(): AppliedChange | undefined;
  onRevalidate(listener: (tags: readonly string[], mode: 'expire' | 'stale') => void): void;
  holds(pathname: string): boolean;
  flushAccess(): void;
  fileBytes(): number;
  stats(): PageStoreStats;
}

/** The header on a page served as it is while its sidebar waits for its turn to render afresh. */
export declare const PENDING_HEADER: string;

export declare function pageStore(options?: { serverDistDir?: string }): PageStore;

export default class PageCacheHandler {
  constructor(options: { serverDistDir?: string });
  get(key: string): Promise<unknown>;
  set(key: string, data: unknown, ctx: { cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
