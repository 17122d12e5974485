// @ts-check
/*
 * Broadsheet's page cache: where Next.js keeps rendered pages (ISR) between requests, replacing
 * its file-system cache (next.config.ts `cacheHandler`). Next's own cache grows by about 116 KB
 * a page with no bound: a crawl of a million-article archive would fill 100 GB. This one:
 *
 * - keeps pages in a small in-memory LRU in front of one SQLite file, compressed;
 * - holds both under sizes the operator sets (BROADSHEET_PAGE_MEMORY_MB, default 64;
 *   BROADSHEET_PAGE_CACHE_MB, default 1024), evicting the least recently used pages;
 * - tags each page by what it shows (pageTags.mjs), so a content change marks exactly the pages
 *   it touched stale, and remembers revalidations across restarts;
 * - starts empty for a new build (pages name the build's scripts).
 *
 * Plain JavaScript: Next.js loads this file at run time, unbundled. The server's own code reaches
 * the store through `globalThis[Symbol.for('broadsheet.pageCache')]`.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { tagsManifest } from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js';
import { pagePath as pagePathOf, pageTags, pathOfCacheKey } from './pageTags.mjs';
import { RefreshPacer, staleOnlySince } from './refreshPacer.mjs';
import { RenderStarts, tagsMarkedBetween } from './renderStarts.mjs';
import { storeOutageSince } from '../storeOutage.mjs';

const MB = 1024 * 1024;
const TAGS_HEADER = 'x-next-cache-tags';
const ACCESS_FLUSH_MS = 2000;
/** On a page served as it is while its sidebar waits for its turn to render afresh (paced). */
export const PENDING_HEADER = 'x-broadsheet-refresh';

/** @param {string} name @param {number} fallback */
function megabytes(name, fallback) {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** A share of the time, above 0 and at most 1; unset or out of range, the pacer's own default. @param {string} name */
function share(name) {
  const value = Number(process.env[name]);
  return process.env[name] && value > 0 && value <= 1 ? value : undefined;
}

/**
 * @typedef {{ lastModified: number; value: any; cacheControl?: any }} CacheEntry
 * @typedef {{ stale?: number; expired?: number }} TagState
 */

export class PageStore {
  /**
   * @param {{ dir: string; buildId: string; diskBytes: number; memoryBytes: number; refreshShare?: number; now?: () => number }} options
   */
  constructor(options) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.pacer = new RefreshPacer({ share: options.refreshShare, now: this.now });
    this.renderStarts = new RenderStarts(this.now);
    /** @type {Map<string, { entry: CacheEntry; bytes: number }>} */
    this.memory = new Map();
    this.memoryBytes = 0;
    /** @type {Map<string, number>} */
    this.pendingAccess = new Map();
    this.accessTimer = undefined;
    /** Why the disk part is off, when it is. */
    this.degraded = undefined;
    this.db = undefined;
    this.diskBytes = 0;
    this.evictions = 0;
    /** @type {{ catalog: string; seq: number } | undefined} */
    this.applied = undefined;
    /** @type {((tags: readonly string[], mode: 'expire' | 'stale') => void)[]} */
    this.revalidationListeners = [];
    try {
      this.open();
    } catch (error) {
      this.degraded = `the page cache cannot be kept on disk at ${options.dir} (${/** @type {Error} */ (error).message}); pages are kept in memory only, up to ${Math.round(options.memoryBytes / MB)} MB`;
      console.warn(`[page cache] ${this.degraded}`);
      this.db = undefined;
    }
  }

  open() {
    mkdirSync(this.options.dir, { recursive: true });
    const db = new Database(path.join(this.options.dir, 'pages.sqlite'));
    // Freed pages go back to the file system after evictions (set before the first table).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // The write-ahead log is part of the bound: it is cut back after each checkpoint.
    db.pragma(`journal_size_limit = ${this.walLimit()}`);
    db.pragma(`wal_autocheckpoint = ${Math.max(16, Math.floor(this.walLimit() / 4096))}`);
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS pages (
        key TEXT PRIMARY KEY, last_modified INTEGER NOT NULL, accessed INTEGER NOT NULL, size INTEGER NOT NULL, value BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pages_accessed ON pages (accessed);
      CREATE TABLE IF NOT EXISTS tags (tag TEXT PRIMARY KEY, stale INTEGER, expired INTEGER);
    `);
    // Which page each entry is, to tell whether a page is held while the store cannot be reached
    // (holds). Added to a file written before it.
    if (!(/** @type {any[]} */ (db.prepare('PRAGMA table_info(pages)').all()).some((column) => column.name === 'path')))
      db.exec('ALTER TABLE pages ADD COLUMN path TEXT');
    db.exec('CREATE INDEX IF NOT EXISTS pages_path ON pages (path)');
    const build = db.prepare("SELECT value FROM meta WHERE key = 'build'").get();
    if (/** @type {any} */ (build)?.value !== this.options.buildId) {
      // Pages of another build name scripts that no longer exist.
      db.exec("DELETE FROM pages; DELETE FROM tags; DELETE FROM meta WHERE key = 'applied';");
      db.prepare("INSERT INTO meta (key, value) VALUES ('build', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(this.options.buildId);
    }
    this.statements = {
      get: db.prepare('SELECT last_modified, value FROM pages WHERE key = ?'),
      put: db.prepare(
        'INSERT INTO pages (key, last_modified, accessed, size, value, path) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET last_modified = excluded.last_modified, accessed = excluded.accessed, size = excluded.size, value = excluded.value, path = excluded.path',
      ),
      holds: db.prepare('SELECT 1 FROM pages WHERE path = ? LIMIT 1').pluck(),
      sizeOf: db.prepare('SELECT size FROM pages WHERE key = ?'),
      touch: db.prepare('UPDATE pages SET accessed = ? WHERE key = ?'),
      oldest: db.prepare('SELECT key, size FROM pages ORDER BY accessed LIMIT 64'),
      remove: db.prepare('DELETE FROM pages WHERE key = ?'),
      tag: db.prepare(
        'INSERT INTO tags (tag, stale, expired) VALUES (?, ?, ?) ON CONFLICT (tag) DO UPDATE SET stale = excluded.stale, expired = excluded.expired',
      ),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    const applied = /** @type {any} */ (db.prepare("SELECT value FROM meta WHERE key = 'applied'").get());
    this.applied = applied ? JSON.parse(applied.value) : undefined;
    this.db = db;
    this.diskBytes = /** @type {any} */ (db.prepare('SELECT coalesce(sum(size), 0) AS n FROM pages').get()).n;
    // Revalidations outlive a restart: a page cached before one is still stale after it.
    const oldest = /** @type {any} */ (db.prepare('SELECT min(last_modified) AS t FROM pages').get()).t ?? this.now();
    db.prepare('DELETE FROM tags WHERE max(coalesce(stale, 0), coalesce(expired, 0)) < ?').run(oldest);
    for (const row of /** @type {any[]} */ (db.prepare('SELECT tag, stale, expired FROM tags').all())) {
      tagsManifest.set(row.tag, { stale: row.stale ?? undefined, expired: row.expired ?? undefined });
    }
  }

  walLimit() {
    return Math.min(64 * MB, Math.floor(this.options.diskBytes / 8));
  }

  /**
   * What pages may take on disk: the bound less the write-ahead log, the shared-memory index
   * beside it and the database's own pages, and a fifth for pages freed but not yet returned.
   */
  payloadLimit() {
    return Math.max(0, Math.floor((this.options.diskBytes - this.walLimit() - 128 * 1024) * 0.8));
  }

  /** @param {string} key @returns {CacheEntry | null} */
  get(key) {
    const entry = this.read(key);
    if (!entry) {
      this.renderStarts.starting(key);
      return null;
    }
    // The store is down: what is kept is served as it is, fresh, rather than rendered again to fail.
    if (storeOutageSince() !== undefined) return { ...entry, lastModified: this.now() };
    const handed = this.paced(key, entry);
    // Handed out as it is with a tag marked since: Next.js renders it afresh, before or after serving it.
    if (handed === entry && tagsMarkedBetween(tagsOf(entry.value), tagsManifest, entry.lastModified, Infinity).length > 0) this.renderStarts.starting(key);
    return handed;
  }

  /**
   * A page stale only for its sidebar renders afresh in the background when the pacer gives it a
   * turn (refreshPacer.mjs); until then it is handed out as fresh as the stale mark, and served
   * as it is. Nothing is changed in the store: the next request asks again.
   * @param {string} key @param {CacheEntry} entry
   */
  paced(key, entry) {
    const staleAt = staleOnlySince(entry, tagsManifest);
    if (staleAt === undefined || this.pacer.mayStart(key)) return entry;
    // Said in a header, so that a cache in front keeps this copy only a moment and asks again
    // (deploy/varnish/broadsheet.vcl), as it does with Next's own `x-nextjs-cache: STALE`.
    const value = entry.value?.headers ? { ...entry.value, headers: { ...entry.value.headers, [PENDING_HEADER]: 'sidebar' } } : entry.value;
    return { ...entry, lastModified: staleAt, value };
  }

  /** @param {string} key @returns {CacheEntry | null} */
  read(key) {
    const cached = this.memory.get(key);
    if (cached) {
      this.memory.delete(key);
      this.memory.set(key, cached);
      this.touch(key);
      return cached.entry;
    }
    if (!this.db) return null;
    const row = /** @type {any} */ (this.statements.get.get(key));
    if (!row) return null;
    let entry;
    try {
      entry = /** @type {CacheEntry} */ (deserialize(inflateRawSync(row.value)));
    } catch {
      this.statements.remove.run(key); // Written by other code: gone, and rendered afresh.
      return null;
    }
    this.remember(key, entry);
    this.touch(key);
    return entry;
  }

  /** @param {string} key @param {any} value @param {any} cacheControl */
  set(key, value, cacheControl) {
    if (value === null || value === undefined) {
      this.delete(key);
      return;
    }
    // A route's error (an image of a missing article, a drawing refused while busy) is answered,
    // never kept: a made-up URL must not take a place, and the next request asks again.
    if (value.kind === 'APP_ROUTE' && value.status >= 400) return;
    const pagePath = pathOfCacheKey(key);
    if (pagePath && value.headers && (value.kind === 'APP_PAGE' || value.kind === 'APP_ROUTE')) {
      const own = String(value.headers[TAGS_HEADER] ?? '');
      value = { ...value, headers: { ...value.headers, [TAGS_HEADER]: [own, ...pageTags(pagePath)].filter(Boolean).join(',') } };
    }
    // Dated by when its render began (renderStarts.mjs): a change marked meanwhile leaves it outdated.
    const now = this.now();
    const began = this.renderStarts.finished(key) ?? now;
    /** @type {CacheEntry} */
    const entry = { lastModified: began, value, cacheControl };
    this.pacer.finished(key);
    this.remember(key, entry);
    const marked = began < now ? tagsMarkedBetween(tagsOf(value), tagsManifest, began, now) : [];
    if (marked.length > 0) {
      // Caches in front may have been handed this render: they fetch the page again (softly: the
      // next fetch renders it afresh), by its own tag where it has one.
      const own = marked.find((tag) => tag.startsWith('bs:path:')) ?? tagsOf(value).find((tag) => tag.startsWith('bs:path:'));
      const tags = own ? [own] : marked;
      for (const listener of this.revalidationListeners) listener(tags, 'stale');
    }
    if (!this.db) return;
    const blob = deflateRawSync(serialize(entry), { level: 1 });
    const previous = /** @type {any} */ (this.statements.sizeOf.get(key));
    this.statements.put.run(key, entry.lastModified, entry.lastModified, blob.length, blob, pagePath ? pagePathOf(pagePath) : null);
    this.diskBytes += blob.length - (previous?.size ?? 0);
    this.pendingAccess.delete(key);
    if (this.diskBytes > this.payloadLimit()) this.evict();
  }

  /** @param {string} key */
  delete(key) {
    const cached = this.memory.get(key);
    if (cached) {
      this.memory.delete(key);
      this.memoryBytes -= cached.bytes;
    }
    if (!this.db) return;
    const previous = /** @type {any} */ (this.statements.sizeOf.get(key));
    if (previous) {
      this.statements.remove.run(key);
      this.diskBytes -= previous.size;
    }
  }

  /** @param {string} key @param {CacheEntry} entry */
  remember(key, entry) {
    const bytes = sizeOf(entry.value);
    const previous = this.memory.get(key);
    if (previous) {
      this.memory.delete(key);
      this.memoryBytes -= previous.bytes;
    }
    if (bytes > this.options.memoryBytes / 4) return; // One huge page must not empty the rest.
    this.memory.set(key, { entry, bytes });
    this.memoryBytes += bytes;
    for (const [oldest, item] of this.memory) {
      if (this.memoryBytes <= this.options.memoryBytes) break;
      this.memory.delete(oldest);
      this.memoryBytes -= item.bytes;
    }
  }

  /** Remembers a read, written with others every few seconds rather than once per request. @param {string} key */
  touch(key) {
    if (!this.db) return;
    this.pendingAccess.set(key, this.now());
    if (!this.accessTimer) {
      this.accessTimer = setTimeout(() => this.flushAccess(), ACCESS_FLUSH_MS);
      this.accessTimer.unref?.();
    }
  }

  flushAccess() {
    clearTimeout(this.accessTimer);
    this.accessTimer = undefined;
    if (!this.db || this.pendingAccess.size === 0) return;
    const pending = this.pendingAccess;
    this.pendingAccess = new Map();
    this.db.transaction(() => {
      for (const [key, time] of pending) this.statements.touch.run(time, key);
    })();
  }

  /** Drops the least recently used pages until they take 90 % of what they may. */
  evict() {
    if (!this.db) return;
    this.flushAccess();
    const target = this.payloadLimit() * 0.9;
    this.db.transaction(() => {
      while (this.diskBytes > target) {
        const rows = /** @type {any[]} */ (this.statements.oldest.all());
        if (rows.length === 0) break;
        for (const row of rows) {
          this.statements.remove.run(row.key);
          this.diskBytes -= row.size;
          this.evictions++;
          const cached = this.memory.get(row.key);
          if (cached) {
            this.memory.delete(row.key);
            this.memoryBytes -= cached.bytes;
          }
          if (this.diskBytes <= target) break;
        }
      }
    })();
    this.db.pragma('incremental_vacuum');
  }

  /**
   * Marks every page carrying one of `tags` stale. `mode` 'expire': the next request renders the
   * page afresh and waits for it; 'stale': the next request gets the old page while a fresh one
   * renders (stale-while-revalidate). Recorded where Next.js checks tags, and on disk. `applied`:
   * the catalog change these tags come from, recorded in the same transaction (appliedChange).
   * @param {readonly string[]} tags
   * @param {'expire' | 'stale'} mode
   * @param {{ catalog: string; seq: number }} [applied]
   */
  revalidateTags(tags, mode, applied) {
    const now = this.now();
    const write = () => {
      for (const tag of tags) {
        const state = { ...(tagsManifest.get(tag) ?? {}), ...(mode === 'expire' ? { expired: now } : { stale: now }) };
        tagsManifest.set(tag, state);
        this.statements?.tag.run(tag, state.stale ?? null, state.expired ?? null);
      }
      if (applied) this.applied = applied;
      if (applied && this.db) this.statements.setMeta.run('applied', JSON.stringify(applied));
    };
    if (this.db) this.db.transaction(write)();
    else write();
    if (tags.length > 0) for (const listener of this.revalidationListeners) listener(tags, mode);
  }

  /**
   * Calls `listener` after each revalidation with its tags and mode: the purge of the caches in
   * front (lib/server/purge) follows exactly what this cache marks.
   * @param {(tags: readonly string[], mode: 'expire' | 'stale') => void} listener
   */
  onRevalidate(listener) {
    this.revalidationListeners.push(listener);
  }

  /**
   * The last catalog change whose pages this cache has refreshed (the catalog's id and the
   * change's number), kept on disk with the tags themselves: a server restarted after a crash
   * applies the changes after it (lib/server/revalidation). Undefined for a new cache.
   * @returns {{ catalog: string; seq: number } | undefined}
   */
  appliedChange() {
    return this.applied;
  }

  /**
   * Whether a rendered page (any of its variants) is kept for this path: while the store cannot
   * be reached, such a page is still served, and one not kept answers 503 (proxy.ts).
   * @param {string} pathname
   */
  holds(pathname) {
    const wanted = pagePathOf(pathname);
    if (this.db) return this.statements.holds.get(wanted) !== undefined;
    for (const key of this.memory.keys()) {
      const path = pathOfCacheKey(key);
      if (path && pagePathOf(path) === wanted) return true;
    }
    return false;
  }

  /** Bytes on disk: the database and its write-ahead log. */
  fileBytes() {
    if (!this.db) return 0;
    const file = path.join(this.options.dir, 'pages.sqlite');
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(`${file}${suffix}`).size;
      } catch {
        // No write-ahead log right now.
      }
    }
    return total;
  }

  stats() {
    const pages = this.db ? /** @type {any} */ (this.db.prepare('SELECT count(*) AS n FROM pages').get()).n : this.memory.size;
    return {
      pages,
      payloadBytes: this.diskBytes,
      fileBytes: this.fileBytes(),
      limitBytes: this.options.diskBytes,
      memoryPages: this.memory.size,
      memoryBytes: this.memoryBytes,
      evictions: this.evictions,
      degraded: this.degraded,
    };
  }
}

/** The tags a cached value carries (Next's and the page's own). @param {any} value @returns {string[]} */
function tagsOf(value) {
  const header = value?.headers?.[TAGS_HEADER];
  return typeof header === 'string' && header ? header.split(',') : [];
}

/** Roughly what an entry takes in memory. @param {any} value */
function sizeOf(value) {
  if (!value || typeof value !== 'object') return 64;
  let bytes = 256;
  for (const part of [value.html, value.rscData, value.body, value.data, value.buffer]) {
    if (typeof part === 'string') bytes += part.length * 2;
    else if (part && typeof part.length === 'number') bytes += part.length;
  }
  if (value.segmentData instanceof Map) for (const segment of value.segmentData.values()) bytes += segment.length ?? 0;
  return bytes;
}

const slot = Symbol.for('broadsheet.pageCache');

/**
 * The process's one store, created on first use.
 * @param {{ serverDistDir?: string }} options
 * @returns {PageStore}
 */
export function pageStore(options = {}) {
  const holder = /** @type {any} */ (globalThis);
  if (!holder[slot]) {
    const distDir = options.serverDistDir
      ? path.dirname(options.serverDistDir)
      : path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next');
    let buildId = 'development';
    try {
      buildId = readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim();
    } catch {
      // `next dev` has no build id; its pages are never cached anyway.
    }
    holder[slot] = new PageStore({
      // A Vercel function's code is read-only: its one writable folder is the temporary one.
      dir: process.env.BROADSHEET_CACHE_DIR ?? (process.env.VERCEL ? path.join(tmpdir(), 'broadsheet') : path.join(distDir, 'cache', 'broadsheet')),
      buildId,
      diskBytes: megabytes('BROADSHEET_PAGE_CACHE_MB', 1024) * MB,
      memoryBytes: megabytes('BROADSHEET_PAGE_MEMORY_MB', 64) * MB,
      refreshShare: share('BROADSHEET_SIDEBAR_SHARE'),
    });
  }
  return holder[slot];
}

/** The interface Next.js calls; one instance per request, all sharing the process's store. */
export default class PageCacheHandler {
  /** @param {{ serverDistDir?: string }} options */
  constructor(options) {
    this.store = pageStore(options);
  }

  /** @param {string} key */
  async get(key) {
    return this.store.get(key);
  }

  /** @param {string} key @param {any} data @param {{ cacheControl?: any }} ctx */
  async set(key, data, ctx) {
    this.store.set(key, data, ctx?.cacheControl);
  }

  /**
   * Called by revalidatePath and revalidateTag: with durations (revalidateTag(tag, profile)) a
   * page goes stale; without, it expires at once, as in Next's own cache.
   * @param {string | string[]} tags @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    this.store.revalidateTags(typeof tags === 'string' ? [tags] : tags, durations ? 'stale' : 'expire');
  }

  resetRequestCache() {}
}
