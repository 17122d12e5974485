import { type Dirent, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { LEFT_OUT } from '@/lib/content/readArticle';
import type { Problem } from '@/lib/content/problems';
import type { ArticleMeta } from '@/lib/content/types';
import { bodyOf } from '@/lib/content/frontMatter';
import { type ParsedFile, parseFile, searchTokens } from '@/lib/store/ingest/parsedFile';
import type { SearchBatch, SearchSink } from './searchWriter';
import { searchFileOf, setBulkMode } from './database';
import { aliasKey, articlePath, type Candidate, goneByExpiry, type Hidden, hiddenAs, listsOf, ownerOf, scheduledAt } from '@/lib/store/rules';
import { expiresAt, publishAt } from '@/lib/content/schedule';
import { readChangesSince } from './changeLog';
import type { ChangeRecord } from '../types';
import {
  type ArticleChange,
  type ArticleState,
  CHANGES_KEPT,
  type ChangeSet,
  type PassResult,
  touchedBy,
  type UnreadableFolder,
  type WriterOptions,
} from '@/lib/store/ingest/changeSet';

export { CHANGES_KEPT, touchedBy };
export type { ArticleChange, ArticleState, ChangeSet, PassResult, UnreadableFolder, WriterOptions };
import { sortKey } from '@/lib/store/ingest/sortKey';
import { isAuthorFile } from '@/lib/content/authorFile';
import type { TouchedAuthor } from '../types';
import { AUTHOR_ARTICLES_NAMED, NEWER_COUNTED } from '@/lib/store/ingest/changeSet';
import { beginUnsynced, endUnsynced } from './unsyncedBuild';

/** Reads batches of files on other threads (see parsePool.ts), up to `ahead` at once; by default, files are read on the writer's thread. */
export interface BatchParser {
  parse(files: readonly string[]): Promise<ParsedFile[]>;
  ahead: number;
}

/** Lists an article belongs to (lib/store/rules.ts, listsOf). */
type ListKind = import('@/lib/store/rules').ListKind;

/** A pass's batch with more changes than this is reported as a count (a first start, a large sync): its articles' neighbours are not worked out. */
export const DETAILED_CHANGES = 64;

/**
 * Files read and written per transaction during a full pass. Small enough that a watched change
 * waits little; and smaller is faster for the full-text index: a batch's articles span every date,
 * so each batch ends an FTS5 segment (see SearchWriter.apply), and FTS5 builds a small segment in
 * memory faster than a large one. At 10x the corpus, 1,000 took 44 s and 2,000 took 49 s.
 */
export const BULK_BATCH = 1_000;
/**
 * How far the full-text index may fall behind the catalog during a pass, in batches: the index
 * is the slower of the two, and every batch waiting for it holds its articles' text in memory (a
 * first start at a million files peaked at 2.5 GB RSS with no bound, 1.5 GB with 8 or 16). More
 * than a shared transaction's worth (see searchWriter.ts), which counts as applied only once
 * committed.
 */
const SEARCH_BATCHES_BEHIND = 16;

const emptyChangeSet = (): ChangeSet => ({ files: [], changes: [], problems: [] });
const emptySearchBatch = (): SearchBatch => ({ seq: 0, deletes: [], inserts: [] });
const parentOf = (file: string) => {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
};
const isHidden = (name: string) => name.startsWith('.');

/**
 * Keeps the catalog in step with the content folder, file by file. Only files that changed are
 * read; each change touches the rows of the URLs it concerns and nothing else, in one
 * transaction, so readers (other connections) see either all of it or none of it.
 */
export class CatalogWriter {
  private readonly statements: ReturnType<CatalogWriter['prepare']>;
  private readonly listIds = new Map<string, number>();
  /** Search changes of the current update, sent to the search writer once it is committed. */
  private pendingSearch: SearchBatch = emptySearchBatch();
  /** The number of the last update that changed anything (the change log's, and search_pending's). */
  private seq: number;
  /**
   * Whether full-text changes are recorded until the index confirms them (search_pending). Not
   * during an unsynced first pass: a crash during one rebuilds both files anyway.
   */
  private trackSearch = true;

  /**
   * `unsyncedFirstPass`: a first pass (of a catalog not yet complete) may write without waiting
   * for the disk (unsyncedBuild.ts); for a server's catalog, which openCatalog rebuilds when such
   * a pass did not finish.
   */
  constructor(
    private readonly db: Database,
    readonly dir: string,
    private readonly options: WriterOptions,
    private readonly search: SearchSink,
    private readonly unsyncedFirstPass = false,
  ) {
    this.statements = this.prepare();
    this.seq = Number(this.statements.getMeta.get('seq')?.value ?? 0);
  }

  /**
   * Runs one update in a transaction, then hands its search changes to the search writer: they
   * reach the index only once the catalog holds the articles they are about. The same
   * transaction numbers the update, logs what it touched (the `changes` table, for the page
   * cache) and records the articles whose full-text entry changed until the index confirms
   * them (`search_pending`): the two files cannot part for good, whatever is killed when.
   */
  private inTransaction(work: () => ChangeSet, detailedUpTo = Infinity): ChangeSet {
    this.pendingSearch = emptySearchBatch();
    const confirmed = this.search.progress().committed;
    let seq = this.seq;
    const result = this.db.transaction(() => {
      const set = work();
      this.statements.forgetConfirmed.run(confirmed);
      const batch = this.pendingSearch;
      const authorsChanged = (set.authors?.length ?? 0) > 0;
      if (set.changes.length === 0 && !authorsChanged && batch.deletes.length === 0 && batch.inserts.length === 0) return set;
      seq = this.seq + 1;
      this.statements.setMeta.run('seq', String(seq));
      set.seq = seq;
      batch.seq = seq;
      if (this.trackSearch) {
        for (const id of batch.deletes) this.statements.searchPending.run(id, seq);
        for (const [id] of batch.inserts) this.statements.searchPending.run(id, seq);
      }
      if (set.changes.length > 0 || authorsChanged) this.logChange(set, seq, detailedUpTo);
      return set;
    })();
    this.seq = seq;
    this.writeSearch(this.pendingSearch);
    this.pendingSearch = emptySearchBatch();
    return result;
  }

  private searchError: string | undefined;

  /** The catalog has committed: a failure of the index here is kept to be said, and repaired (searchBehind). */
  private writeSearch(batch: SearchBatch): void {
    try {
      this.search.write(batch);
    } catch (error) {
      this.searchError = `search index update failed: ${(error as Error).stack ?? error}`;
    }
  }

  /** What the index said when it last failed on this thread, once. */
  takeSearchError(): string | undefined {
    const error = this.searchError;
    this.searchError = undefined;
    return error;
  }

  private logChange(set: ChangeSet, seq: number, detailedUpTo: number): void {
    if (set.authors?.length) set.authorPages = set.authors.map((id) => this.touchedAuthor(id));
    const record = set.changes.length > detailedUpTo ? { bulk: true } : { touched: touchedBy(set), ...(set.authorPages ? { authors: set.authorPages } : {}) };
    this.statements.logChange.run(seq, this.now(), JSON.stringify(record));
    if (seq % 100 === 0 && seq > CHANGES_KEPT) {
      this.statements.forgetChanges.run(seq - CHANGES_KEPT);
      this.statements.setMeta.run('changes_pruned', String(seq - CHANGES_KEPT));
    }
  }

  /** The pages showing an author: their articles in each language, named up to a bound (changeSet.ts). */
  private touchedAuthor(id: string): TouchedAuthor {
    const touched: TouchedAuthor = { id, keys: [] };
    for (const lang of this.options.languages) {
      const list = this.statements.listId.get(lang, 'authors', id)?.id;
      if (list === undefined) continue;
      const keys = this.statements.listKeys.all(list, AUTHOR_ARTICLES_NAMED + 1);
      if (keys.length > AUTHOR_ARTICLES_NAMED) (touched.manyIn ??= []).push(lang);
      else touched.keys.push(...keys);
    }
    return touched;
  }

  /** The change log from after `seq`, oldest first; undefined when it no longer reaches back that far. */
  changesSince(seq: number): ChangeRecord[] | undefined {
    return readChangesSince(this.db, seq);
  }

  /**
   * Re-indexes every article whose full-text entry the index has not confirmed committing: at
   * start (after a crash between the catalog's commit and the index's), and after a failed
   * index update (a full disk). Their entries are dropped and written again from the catalog's
   * own copy of each article, so re-indexing one twice changes nothing. Returns how many.
   */
  repairSearch(): number {
    const ids = this.statements.pendingIds.all();
    if (ids.length === 0 && !this.search.progress().failed) return 0;
    const seq = this.seq + 1;
    const batch: SearchBatch = { seq, repair: true, deletes: ids, inserts: [] };
    this.db.transaction(() => {
      this.statements.setMeta.run('seq', String(seq));
      for (const id of ids) {
        this.statements.searchPending.run(id, seq);
        const row = this.statements.articleSource.get(id);
        if (!row) continue;
        const meta = JSON.parse(row.meta) as ArticleMeta;
        const tokens = searchTokens(meta, bodyOf(Buffer.from(row.bytes).toString('utf8')));
        batch.inserts.push([id, tokens.title, tokens.body, tokens.lang]);
      }
    })();
    this.seq = seq;
    this.writeSearch(batch);
    return ids.length;
  }

  /**
   * Compares the articles the catalog publishes with those the full-text index holds, id by id,
   * and brings the index in line: missing entries written from the catalog's copy of each
   * article, entries of articles no longer published dropped. A start does this once its pass is
   * done, whatever happened before it (a crash, a file copied in from elsewhere, a bug): about a
   * second at a million articles. Returns what it found.
   */
  async verifySearch(): Promise<{ missing: number; extra: number }> {
    const indexed = await this.search.ids();
    const published = Float64Array.from(this.statements.publishedIds.all()).sort();
    const missing: number[] = [];
    const extra: number[] = [];
    let i = 0;
    let j = 0;
    while (i < published.length || j < indexed.length) {
      const p = i < published.length ? (published[i] as number) : Infinity;
      const x = j < indexed.length ? (indexed[j] as number) : Infinity;
      if (p === x) {
        i++;
        j++;
      } else if (p < x) {
        missing.push(p);
        i++;
      } else {
        extra.push(x);
        j++;
      }
    }
    if (missing.length > 0 || extra.length > 0) {
      this.db.transaction(() => {
        for (const id of [...missing, ...extra]) this.statements.searchPending.run(id, this.seq);
      })();
      this.repairSearch();
    }
    return { missing: missing.length, extra: extra.length };
  }

  /** True when the index failed an update since its last repair. */
  get searchBehind(): boolean {
    return this.search.progress().failed;
  }

  /** Settles once the full-text index holds every change made so far. */
  searchSettled(): Promise<void> {
    return this.search.drain();
  }

  private prepare() {
    const db = this.db;
    return {
      fileByPath: db.prepare<[string], { key: string | null; mtime: number; size: number; date: number | null }>(
        'SELECT key, mtime, size, date FROM files WHERE path = ?',
      ),
      filesInDir: db.prepare<[string], { path: string; mtime: number; size: number }>('SELECT path, mtime, size FROM files WHERE dir = ?'),
      filesUnder: db.prepare<[string, string], { path: string }>('SELECT path FROM files WHERE path >= ? AND path < ?'),
      allDirs: db.prepare<[], { dir: string }>('SELECT DISTINCT dir FROM files'),
      upsertFile: db.prepare(
        `INSERT INTO files (path, dir, mtime, size, key, date, draft, problems, held, expires) VALUES (@path, @dir, @mtime, @size, @key, @date, @draft, @problems, @held, @expires)
         ON CONFLICT (path) DO UPDATE SET mtime = @mtime, size = @size, key = @key, date = @date, draft = @draft, problems = @problems, dup_of = NULL, held = @held,
           expires = @expires`,
      ),
      deleteFile: db.prepare<[string]>('DELETE FROM files WHERE path = ?'),
      candidates: db.prepare<[string], { path: string; date: number; draft: number; expires: number | null }>(
        'SELECT path, date, draft, expires FROM files WHERE key = ? ORDER BY path',
      ),
      setDuplicate: db.prepare<[string | null, string]>('UPDATE files SET dup_of = ? WHERE path = ?'),
      current: db.prepare<[string], { id: number; path: string; meta: string }>('SELECT id, path, meta FROM articles WHERE key = ?'),
      idTaken: db.prepare<[number], { id: number }>('SELECT id FROM articles WHERE id = ?'),
      insertArticle: db.prepare('INSERT INTO articles (id, path, key, key_lower, lang, date, meta) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      deleteArticle: db.prepare<[number]>('DELETE FROM articles WHERE id = ?'),
      listId: db.prepare<[string, string, string], { id: number }>('SELECT id FROM lists WHERE lang = ? AND kind = ? AND slug = ?'),
      insertList: db.prepare<[string, string, string, string]>('INSERT INTO lists (lang, kind, slug, name) VALUES (?, ?, ?, ?)'),
      newestInList: db.prepare<[number], { article: number }>('SELECT article FROM list_items WHERE list = ? ORDER BY article DESC LIMIT 1'),
      renameList: db.prepare<[string, number]>('UPDATE lists SET name = ? WHERE id = ?'),
      addItem: db.prepare<[number, number]>('INSERT OR IGNORE INTO list_items (list, article) VALUES (?, ?)'),
      removeItem: db.prepare<[number, number]>('DELETE FROM list_items WHERE list = ? AND article = ?'),
      addCorrection: db.prepare<[number, number, string, number]>('INSERT INTO corrections (article, n, lang, date) VALUES (?, ?, ?, ?)'),
      removeCorrections: db.prepare<[number]>('DELETE FROM corrections WHERE article = ?'),
      schedule: db.prepare<[string, number]>('INSERT INTO scheduled (path, date) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET date = excluded.date'),
      unschedule: db.prepare<[string]>('DELETE FROM scheduled WHERE path = ?'),
      unscheduleUpTo: db.prepare<[number]>('DELETE FROM scheduled WHERE date <= ?'),
      // Shown files whose expiryDate is still ahead, from the partial index of those that have one.
      scheduleExpiries: db.prepare<[number, number]>(
        'INSERT INTO scheduled (path, date) SELECT path, expires FROM files WHERE expires > ? AND date <= ? AND draft = 0 ON CONFLICT (path) DO NOTHING',
      ),
      newer: db.prepare<[number, number], { key: string }>(
        'SELECT a.key FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = ? AND i.article > ? ORDER BY i.article ASC LIMIT 1',
      ),
      // Counted in the list's own index, no further than NEWER_COUNTED rows.
      newerCount: db
        .prepare<[number, number, number], number>('SELECT count(*) FROM (SELECT 1 FROM list_items WHERE list = ? AND article > ? LIMIT ?)')
        .pluck(),
      older: db.prepare<[number, number], { key: string }>(
        'SELECT a.key FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = ? AND i.article < ? ORDER BY i.article DESC LIMIT 1',
      ),
      dueKeys: db.prepare<[number], { key: string }>(
        'SELECT DISTINCT f.key FROM scheduled s JOIN files f ON f.path = s.path WHERE s.date <= ? AND f.key IS NOT NULL',
      ),
      nextDue: db.prepare<[number], { date: number | null }>('SELECT min(date) AS date FROM scheduled WHERE date > ?'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      heldOwner: db.prepare<[string], { path: string; date: number }>('SELECT a.path, a.date FROM articles a WHERE a.key = ?'),
      insertSource: db.prepare<[number, Buffer]>('INSERT INTO sources (id, bytes) VALUES (?, ?)'),
      deleteSource: db.prepare<[number]>('DELETE FROM sources WHERE id = ?'),
      articleSource: db.prepare<[number], { meta: string; bytes: Buffer }>(
        'SELECT a.meta, s.bytes FROM articles a JOIN sources s ON s.id = a.id WHERE a.id = ?',
      ),
      searchPending: db.prepare<[number, number]>('INSERT INTO search_pending (id, seq) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq'),
      pendingIds: db.prepare<[], number>('SELECT id FROM search_pending ORDER BY id').pluck(),
      // Every published id, from the smallest index that holds them all (a full scan of the table would read every article's metadata).
      publishedIds: db.prepare<[], number>('SELECT id FROM articles INDEXED BY articles_key_lower').pluck(),
      forgetConfirmed: db.prepare<[number]>('DELETE FROM search_pending WHERE seq <= ?'),
      markGone: db.prepare<[string, number]>('INSERT INTO gone (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = excluded.at'),
      forgetGone: db.prepare<[string]>('DELETE FROM gone WHERE key = ?'),
      move: db.prepare<[string, string, string, string]>(
        'INSERT INTO moved (key, target, file, kind) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET target = excluded.target, file = excluded.file, kind = excluded.kind',
      ),
      forgetMoves: db.prepare<[string, string]>('DELETE FROM moved WHERE file = ? AND kind = ?'),
      listKeys: db
        .prepare<[number, number], string>(
          'SELECT a.key FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = ? ORDER BY i.article DESC LIMIT ?',
        )
        .pluck(),
      authorByPath: db.prepare<[string], { id: string; data: string }>('SELECT id, data FROM authors WHERE path = ?'),
      upsertAuthor: db.prepare<[string, string, string]>(
        'INSERT INTO authors (path, id, data) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET id = excluded.id, data = excluded.data',
      ),
      deleteAuthor: db.prepare<[string]>('DELETE FROM authors WHERE path = ?'),
      logChange: db.prepare<[number, number, string]>('INSERT INTO changes (seq, at, refresh) VALUES (?, ?, ?)'),
      forgetChanges: db.prepare<[number]>('DELETE FROM changes WHERE seq <= ?'),
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * Reads the given paths again (relative; files, or folders standing for every file known under
   * them or now in them) and applies what changed, in one transaction. A file that no longer
   * exists leaves the site.
   */
  update(paths: Iterable<string>): ChangeSet {
    const files = this.expand(paths);
    return this.inTransaction(() => this.applyFiles(files));
  }

  /**
   * Brings the whole catalog in step with the folder: every file whose time or size differs from
   * what the catalog holds is read, every file gone is removed (a folder that is there but cannot
   * be read keeps its articles, and is named in the result; the content folder itself unreadable
   * fails the pass, and the catalog keeps everything). Works folder by folder, a batch of
   * files per transaction, and calls `between` after each one (a server yields there, so that
   * readers and watched changes are not held up by a full pass over a large archive).
   */
  async reconcile(between: (batch: ChangeSet) => Promise<void> | void = () => undefined, parser?: BatchParser): Promise<PassResult> {
    const unsynced = this.unsyncedFirstPass && this.statements.getMeta.get('complete') === undefined && beginUnsynced(this.db.name);
    this.bulk(true, unsynced);
    this.trackSearch = !unsynced;
    try {
      return await this.pass(between, parser);
    } finally {
      this.trackSearch = true;
      this.bulk(false, false);
      if (unsynced) {
        // The index's thread has left bulk mode (and checkpointed) once it has applied everything sent.
        await this.search.drain();
        endUnsynced(this.db.name, searchFileOf(this.db.name));
      }
    }
  }

  /**
   * A full pass writes all over both files: their page caches are large meanwhile (a first start
   * on a large archive is several times faster), and handed back after.
   */
  private bulk(on: boolean, unsynced: boolean): void {
    setBulkMode(this.db, on, 32, unsynced);
    this.search.bulk(on, unsynced);
  }

  private async pass(between: (batch: ChangeSet) => Promise<void> | void, parser?: BatchParser): Promise<PassResult> {
    let pending: string[] = [];
    let files = 0;
    let read = 0;
    // Batches are read (on the parser's threads) ahead of the one being written, as many as the
    // parser asks for (`ahead`), and written in order.
    let written: Promise<void> = Promise.resolve();
    const writes: Promise<void>[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      read += batch.length;
      const parsed = parser?.parse(batch);
      parsed?.catch(() => undefined);
      const previous = written;
      written = (async () => {
        await previous;
        const results = parsed ? new Map((await parsed).map((result, i) => [batch[i] as string, result])) : undefined;
        await between(this.inTransaction(() => this.applyFiles(batch, results, DETAILED_CHANGES), DETAILED_CHANGES));
        await this.search.within(SEARCH_BATCHES_BEHIND);
      })();
      // A failed batch fails the pass where it is awaited; the ones after it fail too, unheard.
      written.catch(() => undefined);
      writes.push(written);
      while (writes.length > (parser?.ahead ?? 0)) await writes.shift();
    };
    const visited = new Set<string>();
    const unreadable: UnreadableFolder[] = [];
    const folders = [''];
    while (folders.length > 0) {
      const folder = folders.pop() as string;
      visited.add(folder);
      let entries: Dirent[];
      try {
        entries = readdirSync(path.join(this.dir, folder), { withFileTypes: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // The folder itself unreadable (unmounted, a network error): the catalog keeps what it has.
        if (folder === '') throw new Error(`cannot read the content folder ${this.dir}: ${(error as Error).message}`, { cause: error });
        // Gone meanwhile: its rows are removed below, as for any folder not visited.
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        // There but unreadable for now (permissions, a network mount's hiccup): its articles stay as last read.
        unreadable.push({ folder, reason: (error as Error).message });
        continue;
      }
      const known = new Map(this.statements.filesInDir.all(folder).map((row) => [row.path, row]));
      for (const entry of entries) {
        if (isHidden(entry.name)) continue;
        const relative = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          folders.push(relative);
          continue;
        }
        if (!entry.isFile() || !/\.md$/i.test(entry.name)) continue;
        files++;
        const row = known.get(relative);
        known.delete(relative);
        if (row) {
          let stats;
          try {
            stats = statSync(path.join(this.dir, relative));
          } catch {
            stats = undefined;
          }
          if (stats && stats.mtimeMs === row.mtime && stats.size === row.size) continue;
        }
        pending.push(relative);
        if (pending.length >= BULK_BATCH) await flush();
      }
      for (const gone of known.keys()) {
        pending.push(gone);
        if (pending.length >= BULK_BATCH) await flush();
      }
    }
    const kept = (dir: string) => unreadable.some(({ folder }) => dir === folder || dir.startsWith(`${folder}/`));
    for (const { dir } of this.statements.allDirs.all()) {
      if (visited.has(dir) || kept(dir)) continue;
      for (const { path: gone } of this.statements.filesInDir.all(dir)) {
        pending.push(gone);
        if (pending.length >= BULK_BATCH) await flush();
      }
    }
    await flush();
    await written;
    // From now on a URL the catalog does not know is one that does not exist.
    this.statements.setMeta.run('complete', '1');
    return { files, read, unreadable };
  }

  /** Publishes articles whose date has come since the last call (or the last run). */
  publishDue(): ChangeSet {
    if (this.options.preview) return emptyChangeSet();
    const now = this.now();
    return this.inTransaction(() => {
      const changes: ArticleChange[] = [];
      const fresh = new Set<string>();
      for (const { key } of this.statements.dueKeys.all(now)) this.resolveKey(key, fresh, new Map(), changes);
      this.statements.unscheduleUpTo.run(now);
      // Published just now: their expiryDate, if ahead, is the next moment to look at them.
      this.statements.scheduleExpiries.run(now, now);
      this.completeNeighbours(changes);
      return { files: [], changes, problems: [] };
    });
  }

  /** When the next article dated in the future is due, if any. */
  nextPublication(): number | undefined {
    if (this.options.preview) return undefined;
    return this.statements.nextDue.get(this.now())?.date ?? undefined;
  }

  /** Folders stand for every Markdown file known under them or now in them. */
  private expand(paths: Iterable<string>): string[] {
    const files = new Set<string>();
    for (const entry of paths) {
      if (/\.md$/i.test(entry)) {
        files.add(entry);
        continue;
      }
      const folder = entry.replace(/\/+$/, '');
      const prefix = `${folder}/`;
      for (const { path: known } of this.statements.filesUnder.all(prefix, `${folder}0`)) files.add(known);
      const stack = [folder];
      while (stack.length > 0) {
        const current = stack.pop() as string;
        let entries: Dirent[];
        try {
          entries = readdirSync(path.join(this.dir, current), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const item of entries) {
          if (isHidden(item.name)) continue;
          const relative = `${current}/${item.name}`;
          if (item.isDirectory()) stack.push(relative);
          else if (item.isFile() && /\.md$/i.test(item.name)) files.add(relative);
        }
      }
    }
    return [...files].sort();
  }

  /**
   * Reads each file (or takes it as already read) and settles every URL it claimed before or
   * claims now. Runs inside a transaction. Neighbours are worked out only for a set of at most
   * `detailedUpTo` changes (a larger one is told as a count).
   */
  private applyFiles(files: readonly string[], parsed?: ReadonlyMap<string, ParsedFile>, detailedUpTo = Infinity): ChangeSet {
    const keys = new Set<string>();
    const fresh = new Set<string>();
    const bodies = new Map<string, ParsedFile>();
    const problems: Problem[] = [];
    const authors = new Set<string>();
    for (const file of files) {
      if (isAuthorFile(file)) {
        this.applyAuthorFile(file, parsed?.get(file) ?? parseFile(this.dir, file, this.options), problems, authors);
        continue;
      }
      const before = this.statements.fileByPath.get(file);
      if (before?.key) keys.add(before.key);
      const read = parsed?.get(file) ?? parseFile(this.dir, file, this.options);
      if (!read.stats) {
        if (read.problems.length === 0) {
          this.statements.deleteFile.run(file);
          this.statements.unschedule.run(file);
          this.statements.forgetMoves.run(file, 'redirect');
          continue;
        }
      }
      if (!read.article && read.stats && before?.key && this.holds(file, before.key, read, problems)) continue;
      problems.push(...read.problems);
      const article = read.article;
      this.recordFile(file, read, {
        key: article?.key ?? null,
        // When it may be shown: publishDate, else date (lib/content/schedule.ts).
        date: article ? publishAt(article) : null,
        draft: article ? hiddenAs(article) : 0,
        problems: read.problems,
        held: 0,
        expires: article ? (expiresAt(article) ?? null) : null,
      });
      fresh.add(file);
      const moment = article && scheduledAt(article, this.now(), this.options.preview);
      if (moment !== undefined) this.statements.schedule.run(file, moment);
      else this.statements.unschedule.run(file);
      // A file that says its URL moved publishes a redirect there, and nothing else.
      this.statements.forgetMoves.run(file, 'redirect');
      if (article?.redirect) this.statements.move.run(article.key, article.redirect, file, 'redirect');
      if (article) {
        keys.add(article.key);
        bodies.set(file, read);
      }
    }
    const changes: ArticleChange[] = [];
    for (const key of keys) this.resolveKey(key, fresh, bodies, changes);
    if (changes.length <= detailedUpTo) this.completeNeighbours(changes);
    return { files: [...files], changes, problems, ...(authors.size > 0 ? { authors: [...authors] } : {}) };
  }

  /**
   * An author's description (lib/content/authorFile.ts): kept by path, its id noted as changed
   * when what it says changed. A file that cannot be read as one keeps the last good description.
   */
  private applyAuthorFile(file: string, read: ParsedFile, problems: Problem[], changed: Set<string>): void {
    const before = this.statements.authorByPath.get(file);
    if (!read.stats && read.problems.length === 0) {
      this.statements.deleteFile.run(file);
      this.statements.deleteAuthor.run(file);
      if (before) changed.add(before.id);
      return;
    }
    const kept = [...read.problems];
    if (!read.author && before) {
      kept.push({ file, field: 'file', message: 'the last good description stays shown until this file is fixed or deleted', severity: 'warning' });
    }
    problems.push(...kept);
    this.recordFile(file, read, { key: null, date: null, draft: 0, problems: kept, held: 0, expires: null });
    if (!read.author) return;
    const data = JSON.stringify(read.author);
    if (before?.data === data) return;
    this.statements.upsertAuthor.run(file, read.author.id, data);
    changed.add(read.author.id);
    if (before && before.id !== read.author.id) changed.add(before.id);
  }

  /**
   * A published file edited into one that cannot be read (broken YAML, an unclosed fence) keeps
   * its last good version live, from the catalog's own copy, until it is fixed or deleted: an
   * ordinary slip must not take a story down. Its problems say so. False when the file does not
   * own a published article (a draft, a duplicate, a new file): it is left out as usual.
   */
  private holds(file: string, key: string, read: ParsedFile, problems: Problem[]): boolean {
    const live = this.statements.heldOwner.get(key);
    if (!live || live.path !== file) return false;
    const kept = [
      ...read.problems.map((problem) => ({ ...problem, message: problem.message.replace(LEFT_OUT, '') })),
      {
        file,
        field: 'file',
        message: `the last good version (/${key}, dated ${new Date(live.date).toISOString()}) stays live until this file is fixed or deleted`,
        severity: 'warning' as const,
      },
    ];
    problems.push(...kept);
    this.recordFile(file, read, { key, date: live.date, draft: 0, problems: kept, held: 1, expires: null });
    return true;
  }

  /** The files row of a file just read: where it is and how it stood, with what the caller decided of it. */
  private recordFile(
    file: string,
    read: ParsedFile,
    row: { key: string | null; date: number | null; draft: number; problems: readonly Problem[]; held: 0 | 1; expires: number | null },
  ): void {
    this.statements.upsertFile.run({
      path: file,
      dir: parentOf(file),
      mtime: read.stats?.mtimeMs ?? 0,
      size: read.stats?.size ?? -1,
      key: row.key,
      date: row.date,
      draft: row.draft,
      problems: row.problems.length > 0 ? JSON.stringify(row.problems) : null,
      held: row.held,
      expires: row.expires,
    });
  }

  /**
   * Decides which file owns a URL and whether it is published, and brings the article row, its
   * lists and its search entry in line. A file that would be published comes before one that
   * would not (a draft or a future-dated copy never unpublishes a live article), then the first
   * by path; the others are duplicates.
   */
  private resolveKey(key: string, fresh: ReadonlySet<string>, bodies: ReadonlyMap<string, ParsedFile>, changes: ArticleChange[]): void {
    const candidates = this.statements.candidates
      .all(key)
      .map((row) => ({ path: row.path, date: row.date, hidden: row.draft as Hidden, expires: row.expires }));
    const { owner, published: visible } = ownerOf(candidates, this.now(), this.options.preview);
    for (const candidate of candidates) this.statements.setDuplicate.run(candidate === owner ? null : (owner as Candidate).path, candidate.path);
    const current = this.statements.current.get(key);
    // A held file is never fresh (holds()): its article stays as it was, its last good version.
    const unchanged = current !== undefined && visible && current.path === owner?.path && !fresh.has(current.path);
    if (unchanged) return;
    const change: ArticleChange = { key };
    if (current) change.before = this.removeArticle(current.id, JSON.parse(current.meta) as ArticleMeta);
    if (visible && owner) {
      // The owner may have changed without being read in this update (the old one left): read it now.
      const loaded = bodies.get(owner.path) ?? parseFile(this.dir, owner.path, this.options);
      if (loaded.article) change.after = { meta: this.insertArticle(loaded.article, loaded.search, loaded.source) };
    }
    if (change.before || change.after) changes.push(change);
    // Expired before any store published it (read for the first time after its expiryDate): 410 all the same.
    else if (!visible && !current && goneByExpiry(candidates, this.now(), this.options.preview)) this.statements.markGone.run(key, this.now());
  }

  private listId(lang: string, kind: ListKind, slug: string, name: string): number {
    const cacheKey = `${lang}\u0000${kind}\u0000${slug}`;
    let id = this.listIds.get(cacheKey);
    if (id === undefined) {
      id = this.statements.listId.get(lang, kind, slug)?.id;
      if (id === undefined) id = Number(this.statements.insertList.run(lang, kind, slug, name).lastInsertRowid);
      this.listIds.set(cacheKey, id);
    }
    return id;
  }

  private languageList(lang: string): number {
    return this.listId(lang, 'all', '', '');
  }

  private insertArticle(meta: ArticleMeta, search: ParsedFile['search'], source: ParsedFile['source']): ArticleMeta {
    let id = sortKey(meta.date, meta.file);
    while (this.statements.idTaken.get(id)) id++;
    this.statements.insertArticle.run(id, meta.file, meta.key, meta.key.toLowerCase(), meta.lang, meta.date, JSON.stringify(meta));
    if (source) this.statements.insertSource.run(id, Buffer.from(source.buffer, source.byteOffset, source.byteLength));
    // Its URL is no longer gone, and its old ones (Hugo's `aliases`) lead here.
    this.statements.forgetGone.run(meta.key);
    for (const alias of meta.aliases) {
      const key = aliasKey(alias, meta, this.options.languages);
      if (key) this.statements.move.run(key, articlePath(meta), meta.file, 'alias');
    }
    for (const [kind, slug, name] of listsOf(meta)) {
      const list = this.listId(meta.lang, kind, slug, name);
      // A term is named as its newest article writes it.
      if (kind !== 'all' && (this.statements.newestInList.get(list)?.article ?? -Infinity) < id) this.statements.renameList.run(name, list);
      this.statements.addItem.run(list, id);
    }
    // Its corrections, for the corrections page (newest first by their own date).
    meta.corrections?.forEach((correction, n) => this.statements.addCorrection.run(id, n, meta.lang, correction.date));
    if (search) this.pendingSearch.inserts.push([id, search.title, search.body, search.lang]);
    return meta;
  }

  private neighboursOf(id: number, lang: string): { newer?: string; older?: string } {
    const list = this.languageList(lang);
    return { newer: this.statements.newer.get(list, id)?.key, older: this.statements.older.get(list, id)?.key };
  }

  private removeArticle(id: number, meta: ArticleMeta): ArticleState {
    // Counted before it leaves its lists: whether the recent articles on every page show it.
    const newerCount = this.statements.newerCount.get(this.languageList(meta.lang), id, NEWER_COUNTED);
    const state: ArticleState = { meta, ...this.neighboursOf(id, meta.lang), newerCount };
    for (const [kind, slug, name] of listsOf(meta)) this.statements.removeItem.run(this.listId(meta.lang, kind, slug, name), id);
    if (meta.corrections?.length) this.statements.removeCorrections.run(id);
    this.pendingSearch.deletes.push(id);
    this.statements.deleteSource.run(id);
    this.statements.deleteArticle.run(id);
    // Taken down (deleted, unpublished, made a draft again, moved): its URL answers 410 Gone, not
    // a 404 that looks like a typo, until an article holds it again (insertArticle).
    this.statements.markGone.run(meta.key, this.now());
    this.statements.forgetMoves.run(meta.file, 'alias');
    return state;
  }

  /** Neighbours of the articles as they stand once the whole update is applied. */
  private completeNeighbours(changes: ArticleChange[]): void {
    for (const change of changes) {
      if (!change.after) continue;
      const row = this.statements.current.get(change.key);
      if (row) Object.assign(change.after, this.neighboursOf(row.id, change.after.meta.lang));
    }
  }
}
