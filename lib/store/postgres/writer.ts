import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  type ArticleChange,
  type ArticleState,
  CHANGES_KEPT,
  type ChangeSet,
  NEWER_COUNTED,
  touchedBy,
  type WriterOptions,
} from '@/lib/store/ingest/changeSet';
import { type ParsedFile, parseFile } from '@/lib/store/ingest/parsedFile';
import { sortKey } from '@/lib/store/ingest/sortKey';
import { LEFT_OUT } from '@/lib/content/readArticle';
import type { Problem } from '@/lib/content/problems';
import type { ArticleMeta } from '@/lib/content/types';
import { aliasKey, articlePath, type Candidate, goneByExpiry, type Hidden, hiddenAs, listsOf, ownerOf, scheduledAt } from '@/lib/store/rules';
import { expiresAt, publishAt } from '@/lib/content/schedule';
import { CHANGES_CHANNEL } from './changeFeed';
import { searchDocument, titleLexemes } from './searchDocument';
import { WriterSession } from './lock';
import { isAuthorFile } from '@/lib/content/authorFile';
import { AUTHOR_ARTICLES_NAMED } from '@/lib/store/ingest/changeSet';
import type { TouchedAuthor } from '../types';

export type { ChangeSet, WriterOptions };

/** One file as a sync read it: parsed (lib/catalog/parsedFile.ts), with its bytes and their hash when it could be read. */
export interface FileRead {
  path: string;
  parsed: ParsedFile;
  bytes?: Uint8Array;
}

/** A file whose bytes are what the store holds, seen with another time or size (a checkout): only its stat is recorded. */
export interface FileSeen {
  path: string;
  mtime: number;
  size: number;
}

export interface Batch {
  /** Files read, in the order the update names them. */
  read: readonly FileRead[];
  /** Files gone from the folder. */
  deleted?: readonly string[];
  seen?: readonly FileSeen[];
  /** Who wrote the files read: a sync of the content folder (the default), or the importer, into the store only (schema.ts, migration 3). */
  origin?: FileOrigin;
}

export type FileOrigin = 'folder' | 'import';

export const contentHash = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

const parentOf = (file: string) => {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
};

/** Text PostgreSQL can hold: no NUL (a term's name is shown, and a NUL in it shows nothing). */
const storable = (text: string) => text.replace(/\u0000/g, '');

interface FileRow {
  path: string;
  dir: string;
  mtime: number;
  size: number;
  hash: Buffer | null;
  key: string | null;
  date: number | null;
  hidden: Hidden;
  problems: string | null;
  held: boolean;
  /** Its expiryDate (lib/content/schedule.ts). */
  expires: number | null;
}

interface ArticleRow {
  id: number;
  path: string;
  key: string;
  meta: string;
  hash: Buffer;
}

interface NewArticle {
  meta: ArticleMeta;
  hash: Buffer;
  search: ParsedFile['search'];
  problems: Problem[];
  id?: number;
}

/** A transaction's statements that change nothing yet; each runs once per batch, whatever its size. */
const sql = {
  filesByPath: 'SELECT path, key, hash FROM files WHERE path = ANY($1::text[])',
  liveByKey: 'SELECT key, path, date FROM articles WHERE key = ANY($1::text[])',
  deleteFiles: 'DELETE FROM files WHERE path = ANY($1::text[])',
  unschedule: 'DELETE FROM scheduled WHERE path = ANY($1::text[])',
  schedule: `INSERT INTO scheduled (path, date) SELECT * FROM unnest($1::text[], $2::float8[])
             ON CONFLICT (path) DO UPDATE SET date = excluded.date`,
  upsertFiles: `INSERT INTO files (path, dir, mtime, size, hash, key, date, hidden, problems, dup_of, held, expires, origin)
     SELECT path, dir, mtime, size, hash, key, date, hidden, problems, NULL, held, expires, $12
     FROM unnest($1::text[], $2::text[], $3::float8[], $4::int8[], $5::bytea[], $6::text[], $7::float8[], $8::int2[], $9::text[], $10::bool[], $11::float8[])
       AS x(path, dir, mtime, size, hash, key, date, hidden, problems, held, expires)
     ON CONFLICT (path) DO UPDATE SET dir = excluded.dir, mtime = excluded.mtime, size = excluded.size, hash = excluded.hash, key = excluded.key,
       date = excluded.date, hidden = excluded.hidden, problems = excluded.problems, dup_of = NULL, held = excluded.held,
       expires = excluded.expires, origin = excluded.origin`,
  // Seen in the folder: from now on the folder's file, whoever wrote it first.
  restat: `UPDATE files f SET mtime = x.mtime, size = x.size, origin = 'folder' FROM unnest($1::text[], $2::float8[], $3::int8[]) AS x(path, mtime, size)
           WHERE f.path = x.path`,
  storeSources: 'INSERT INTO sources (hash, bytes) SELECT * FROM unnest($1::bytea[], $2::bytea[]) ON CONFLICT (hash) DO NOTHING',
  candidates: 'SELECT key, path, date, hidden, expires FROM files WHERE key = ANY($1::text[])',
  markGone: `INSERT INTO gone (key, at) SELECT DISTINCT ON (key) key, $2::float8 FROM unnest($1::text[]) AS x(key)
             ON CONFLICT (key) DO UPDATE SET at = excluded.at`,
  forgetGone: 'DELETE FROM gone WHERE key = ANY($1::text[])',
  move: `INSERT INTO moved (key, target, file, kind) SELECT DISTINCT ON (key) * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(key, target, file, kind)
         ON CONFLICT (key) DO UPDATE SET target = excluded.target, file = excluded.file, kind = excluded.kind`,
  forgetMoves: 'DELETE FROM moved WHERE file = ANY($1::text[]) AND kind = $2',
  setDuplicates: `UPDATE files f SET dup_of = x.dup FROM unnest($1::text[], $2::text[]) AS x(path, dup)
                  WHERE f.path = x.path AND f.dup_of IS DISTINCT FROM x.dup`,
  articlesByKey: 'SELECT id, path, key, meta, hash FROM articles WHERE key = ANY($1::text[])',
  storedFiles: `SELECT f.path, f.mtime, f.size, s.bytes FROM files f JOIN sources s ON s.hash = f.hash WHERE f.path = ANY($1::text[])`,
  // Newer articles are counted in the list's own index, no further than $3 rows (0: not counted).
  neighbours: `SELECT x.article,
       (SELECT a.key FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = x.list AND i.article > x.article ORDER BY i.article ASC LIMIT 1) AS newer,
       (SELECT a.key FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = x.list AND i.article < x.article ORDER BY i.article DESC LIMIT 1) AS older,
       (SELECT count(*) FROM (SELECT 1 FROM list_items i WHERE i.list = x.list AND i.article > x.article LIMIT $3) t)::int AS newer_count
     FROM unnest($1::int4[], $2::int8[]) AS x(list, article)`,
  removeItems: `WITH gone AS (
       DELETE FROM list_items i USING unnest($1::int4[], $2::int8[]) AS x(list, article) WHERE i.list = x.list AND i.article = x.article RETURNING i.list)
     UPDATE lists l SET count = l.count - g.n FROM (SELECT list, count(*)::int4 AS n FROM gone GROUP BY list) g WHERE l.id = g.list`,
  addItems: `WITH added AS (
       INSERT INTO list_items (list, article) SELECT * FROM unnest($1::int4[], $2::int8[]) ON CONFLICT DO NOTHING RETURNING list)
     UPDATE lists l SET count = l.count + a.n FROM (SELECT list, count(*)::int4 AS n FROM added GROUP BY list) a WHERE l.id = a.list`,
  deleteSearch: `WITH titles_gone AS (DELETE FROM titles WHERE id = ANY($1::int8[]))
     DELETE FROM search WHERE id = ANY($1::int8[])`,
  deleteArticles: 'DELETE FROM articles WHERE id = ANY($1::int8[])',
  deleteCorrections: 'DELETE FROM corrections WHERE article = ANY($1::int8[])',
  insertCorrections: 'INSERT INTO corrections (article, n, lang, date) SELECT * FROM unnest($1::int8[], $2::int4[], $3::text[], $4::float8[])',
  idsTaken: 'SELECT id FROM articles WHERE id = ANY($1::int8[])',
  insertArticles: `INSERT INTO articles (id, path, key, key_lower, lang, date, hash, meta)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::bytea[], $8::text[])`,
  // Each entry's title lexemes beside it (migration 9): what related articles walk newest first.
  insertSearch: `WITH titled AS (
       INSERT INTO titles (id, lang, doc)
       SELECT id, lang, array_to_tsvector(string_to_array(title, ' ')) FROM unnest($1::int8[], $2::text[], $4::text[]) AS x(id, lang, title))
     INSERT INTO search (id, lang, doc)
     SELECT id, lang, array_to_tsvector(string_to_array(doc, ' ')) FROM unnest($1::int8[], $2::text[], $3::text[]) AS x(id, lang, doc)`,
  addLists: `INSERT INTO lists (lang, kind, slug, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
             ON CONFLICT (lang, kind, slug) DO NOTHING`,
  listIds: `SELECT l.id, l.lang, l.kind, l.slug FROM lists l JOIN unnest($1::text[], $2::text[], $3::text[]) AS x(lang, kind, slug)
            ON l.lang = x.lang AND l.kind = x.kind AND l.slug = x.slug`,
  newestInLists: 'SELECT x.id, (SELECT max(article) FROM list_items WHERE list = x.id) AS newest FROM unnest($1::int4[]) AS x(id)',
  renameLists: 'UPDATE lists l SET name = x.name FROM unnest($1::int4[], $2::text[]) AS x(id, name) WHERE l.id = x.id',
  forgetSources: `DELETE FROM sources s WHERE s.hash = ANY($1::bytea[])
     AND NOT EXISTS (SELECT 1 FROM files f WHERE f.hash = s.hash) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.hash = s.hash)`,
  logChange: 'INSERT INTO changes (at, refresh) VALUES ($1, $2) RETURNING seq',
  forgetChanges: 'DELETE FROM changes WHERE seq <= $1',
  setMeta: 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  getMeta: 'SELECT value FROM meta WHERE key = $1',
  notify: 'SELECT pg_notify($1, $2)',
  dueKeys: 'SELECT DISTINCT f.key FROM scheduled s JOIN files f ON f.path = s.path WHERE s.date <= $1 AND f.key IS NOT NULL',
  unscheduleUpTo: 'DELETE FROM scheduled WHERE date <= $1',
  // Shown files whose expiryDate is still ahead, from the partial index of those that have one.
  scheduleExpiries: `INSERT INTO scheduled (path, date) SELECT path, expires FROM files WHERE expires > $1 AND date <= $1 AND hidden = 0
                     ON CONFLICT (path) DO NOTHING`,
  nextDue: 'SELECT min(date) AS date FROM scheduled WHERE date > $1',
  authorsByPath: 'SELECT path, id, data FROM authors WHERE path = ANY($1::text[])',
  upsertAuthors: `INSERT INTO authors (path, id, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
                  ON CONFLICT (path) DO UPDATE SET id = excluded.id, data = excluded.data`,
  deleteAuthors: 'DELETE FROM authors WHERE path = ANY($1::text[])',
  authorLists: `SELECT id, lang FROM lists WHERE kind = 'authors' AND lang = ANY($1::text[]) AND slug = $2`,
  listKeys: 'SELECT a.key FROM list_items i JOIN articles a ON a.id = i.article WHERE i.list = $1 ORDER BY i.article DESC LIMIT $2',
} as const;

type Statement = keyof typeof sql;

/** A pass's batch with more changes than this is logged as a count (bulk): its neighbours are not worked out. */
export const DETAILED_CHANGES = 64;

/**
 * Writes into the PostgreSQL store what a content folder publishes, by the same rules as the
 * SQLite catalog's writer (lib/catalog/catalogWriter.ts; lib/store/rules.ts): which file owns a
 * URL, drafts and future-dated files, duplicates, a published file edited into one that cannot be
 * read keeping its last good version live, terms named as their newest article writes them. Each
 * batch is one transaction of set-based statements (arrays through unnest: a batch of 1,000 files
 * is some twenty statements, not thousands), which also numbers the change, logs the articles it
 * touched and notifies every instance at commit. Writes through the connection that holds the
 * writer lock (lock.ts): one writer at a time across instances.
 */
export class PostgresWriter {
  private readonly listIds = new Map<string, number>();

  private constructor(
    private session: WriterSession,
    private readonly url: string,
    private readonly options: WriterOptions,
    private readonly onWaiting?: () => void,
  ) {}

  /** Takes the writer lock (waiting while another instance writes, up to `waitMs` when given: WriterBusy) and returns the writer. */
  static async open(url: string, options: WriterOptions, onWaiting?: () => void, waitMs?: number): Promise<PostgresWriter> {
    return new PostgresWriter(await WriterSession.acquire(url, onWaiting, waitMs), url, options, onWaiting);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get client(): pg.Client {
    return this.session.client;
  }

  private async q<R extends pg.QueryResultRow = pg.QueryResultRow>(name: Statement, values: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>({ name: `writer_${name}`, text: sql[name], values })).rows;
  }

  /** Runs `work` in a transaction on the lock's connection; a lost connection is made again (and the lock taken again) first. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.session.failure) {
      await this.session.release();
      this.session = await WriterSession.acquire(this.url, this.onWaiting);
    }
    await this.client.query('BEGIN');
    try {
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      this.listIds.clear();
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.q<{ value: string }>('getMeta', [key]))[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.q('setMeta', [key, value]);
  }

  /**
   * Applies a batch (files read, files deleted, files seen unchanged) in one transaction and says
   * what changed. A set of more than `detailedUpTo` changes is logged as bulk.
   */
  apply(batch: Batch, detailedUpTo = Infinity): Promise<ChangeSet> {
    return this.transaction(() => this.applyWithin(batch, detailedUpTo));
  }

  /** apply's work, for a caller that writes more in the same transaction (inside transaction()). */
  async applyWithin(batch: Batch, detailedUpTo = Infinity): Promise<ChangeSet> {
    const set = await this.applyFiles(batch, detailedUpTo);
    await this.log(set, detailedUpTo);
    return set;
  }

  /** A statement on the lock's connection: inside transaction(), part of its transaction. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(text, values)).rows;
  }

  /** Publishes the articles whose date has come since the last call. */
  async publishDue(): Promise<ChangeSet> {
    if (this.options.preview) return { files: [], changes: [], problems: [] };
    const now = this.now();
    return this.transaction(async () => {
      const keys = (await this.q<{ key: string }>('dueKeys', [now])).map((row) => row.key);
      const changes = await this.resolveKeys(keys, new Set(), new Map(), Infinity);
      await this.q('unscheduleUpTo', [now]);
      // Published just now: their expiryDate, if ahead, is the next moment to look at them.
      await this.q('scheduleExpiries', [now]);
      const set: ChangeSet = { files: [], changes, problems: [] };
      await this.log(set, Infinity);
      return set;
    });
  }

  /** When the next article dated in the future is due, if any. */
  async nextPublication(): Promise<number | undefined> {
    if (this.options.preview) return undefined;
    return (await this.q<{ date: number | null }>('nextDue', [this.now()]))[0]?.date ?? undefined;
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  /** Numbers the change, logs what it touched (bulk past `detailedUpTo`) and notifies at commit; keeps the last CHANGES_KEPT. */
  private async log(set: ChangeSet, detailedUpTo: number): Promise<void> {
    if (set.changes.length === 0 && !set.authors?.length) return;
    if (set.authors?.length) set.authorPages = await Promise.all(set.authors.map((id) => this.touchedAuthor(id)));
    const record = set.changes.length > detailedUpTo ? { bulk: true } : { touched: touchedBy(set), ...(set.authorPages ? { authors: set.authorPages } : {}) };
    const [row] = await this.q<{ seq: number }>('logChange', [this.now(), JSON.stringify(record)]);
    const seq = row?.seq as number;
    set.seq = seq;
    // Numbers may skip (a transaction rolled back after taking one): the window is kept on every change past it.
    if (seq > CHANGES_KEPT) {
      await this.q('forgetChanges', [seq - CHANGES_KEPT]);
      await this.q('setMeta', ['changes_pruned', String(seq - CHANGES_KEPT)]);
    }
    await this.q('notify', [CHANGES_CHANNEL, String(seq)]);
  }

  /** The pages showing an author: their articles in each language, named up to a bound (changeSet.ts). */
  private async touchedAuthor(id: string): Promise<TouchedAuthor> {
    const touched: TouchedAuthor = { id, keys: [] };
    for (const list of await this.q<{ id: number; lang: string }>('authorLists', [this.options.languages, id])) {
      const keys = (await this.q<{ key: string }>('listKeys', [list.id, AUTHOR_ARTICLES_NAMED + 1])).map((row) => row.key);
      if (keys.length > AUTHOR_ARTICLES_NAMED) (touched.manyIn ??= []).push(list.lang);
      else touched.keys.push(...keys);
    }
    return touched;
  }

  /**
   * Author files (lib/content/authorFile.ts) of a batch: their descriptions kept by path, the ids
   * whose description changed returned. A file that cannot be read as one keeps the last good
   * description (its problems say so).
   */
  private async applyAuthors(reads: readonly FileRead[], deleted: readonly string[], problems: Problem[]): Promise<string[]> {
    const paths = [...reads.map((file) => file.path), ...deleted].filter(isAuthorFile);
    if (paths.length === 0) return [];
    const before = new Map((await this.q<{ path: string; id: string; data: string }>('authorsByPath', [paths])).map((row) => [row.path, row]));
    const changed = new Set<string>();
    const removed: string[] = deleted.filter(isAuthorFile);
    const upserts: [string, string, string][] = [];
    for (const { path, parsed } of reads) {
      if (!isAuthorFile(path)) continue;
      const old = before.get(path);
      if (!parsed.stats && parsed.problems.length === 0) removed.push(path);
      else if (parsed.author) {
        const data = JSON.stringify(parsed.author);
        if (old?.data === data) continue;
        upserts.push([path, parsed.author.id, data]);
        changed.add(parsed.author.id);
        if (old && old.id !== parsed.author.id) changed.add(old.id);
      } else if (old) {
        problems.push({ file: path, field: 'file', message: 'the last good description stays shown until this file is fixed or deleted', severity: 'warning' });
      }
    }
    for (const path of removed) {
      const old = before.get(path);
      if (old) changed.add(old.id);
    }
    if (removed.length > 0) await this.q('deleteAuthors', [removed]);
    if (upserts.length > 0)
      await this.q('upsertAuthors', [upserts.map(([path]) => path), upserts.map(([, id]) => id), upserts.map(([, , data]) => storable(data))]);
    return [...changed];
  }

  private async applyFiles(batch: Batch, detailedUpTo: number): Promise<ChangeSet> {
    const reads = [...new Map(batch.read.map((file) => [file.path, file])).values()];
    const readPaths = new Set(reads.map((file) => file.path));
    const deleted = (batch.deleted ?? []).filter((path) => !readPaths.has(path));
    const paths = [...reads.map((file) => file.path), ...deleted];
    if (batch.seen && batch.seen.length > 0) {
      const seen = batch.seen;
      await this.q('restat', [seen.map((file) => file.path), seen.map((file) => file.mtime), seen.map((file) => file.size)]);
    }
    if (paths.length === 0) return { files: [], changes: [], problems: [] };

    const previous = await this.q<{ path: string; key: string | null; hash: Buffer | null }>('filesByPath', [paths]);
    const before = new Map(previous.map((row) => [row.path, row.key]));
    // Bytes no file or article refers to any more are dropped at the end of the batch.
    const forget = previous.flatMap((row) => (row.hash ? [row.hash] : []));
    const heldKeys = reads.flatMap((file) => (!file.parsed.article && file.parsed.stats && before.get(file.path) ? [before.get(file.path) as string] : []));
    const live = new Map(
      heldKeys.length > 0 ? (await this.q<{ key: string; path: string; date: number }>('liveByKey', [heldKeys])).map((row) => [row.key, row]) : [],
    );

    const keys = new Set<string>();
    const fresh = new Set<string>();
    const bodies = new Map<string, NewArticle>();
    const problems: Problem[] = [];
    const gone: string[] = [];
    const rows: FileRow[] = [];
    const sources = new Map<string, [Buffer, Uint8Array]>();
    const scheduled: [string, number][] = [];
    const unscheduled: string[] = [];
    const now = this.now();

    for (const path of deleted) {
      const key = before.get(path);
      if (key) keys.add(key);
      gone.push(path);
    }
    for (const { path, parsed, bytes } of reads) {
      const key = before.get(path);
      if (key) keys.add(key);
      if (!parsed.stats && parsed.problems.length === 0) {
        gone.push(path);
        continue;
      }
      const hash = bytes ? contentHash(bytes) : null;
      if (hash && bytes) sources.set(hash.toString('hex'), [hash, bytes]);
      const stat = { path, dir: parentOf(path), mtime: parsed.stats?.mtimeMs ?? 0, size: parsed.stats?.size ?? -1, hash };
      const owner = !parsed.article && parsed.stats && key ? live.get(key) : undefined;
      if (owner && owner.path === path && key) {
        // Held: the last good version stays live until the file is fixed or deleted (catalogWriter.ts, holds).
        const kept = [
          ...parsed.problems.map((problem) => ({ ...problem, message: problem.message.replace(LEFT_OUT, '') })),
          {
            file: path,
            field: 'file',
            message: `the last good version (/${key}, dated ${new Date(owner.date).toISOString()}) stays live until this file is fixed or deleted`,
            severity: 'warning' as const,
          },
        ];
        problems.push(...kept);
        rows.push({ ...stat, key, date: owner.date, hidden: 0, problems: JSON.stringify(kept), held: true, expires: null });
        continue;
      }
      const article = parsed.article;
      const extra: Problem[] = [];
      let search = parsed.search;
      if (article && search) {
        const document = searchDocument(search);
        if (document.leftOut > 0) {
          extra.push({
            file: path,
            field: 'body',
            message: `the text is larger than a search entry holds: ${document.leftOut} of its distinct words are not searchable`,
            severity: 'warning',
          });
        }
        search = { ...search, body: document.lexemes };
      }
      const fileProblems = [...parsed.problems, ...extra];
      problems.push(...fileProblems);
      rows.push({
        ...stat,
        key: article?.key ?? null,
        // When it may be shown: publishDate, else date (lib/content/schedule.ts).
        date: article ? publishAt(article) : null,
        hidden: article ? hiddenAs(article) : 0,
        problems: fileProblems.length > 0 ? JSON.stringify(fileProblems) : null,
        held: false,
        expires: article ? (expiresAt(article) ?? null) : null,
      });
      fresh.add(path);
      const moment = article && scheduledAt(article, now, this.options.preview);
      if (moment !== undefined) scheduled.push([path, moment]);
      else unscheduled.push(path);
      if (article && hash) {
        keys.add(article.key);
        bodies.set(path, { meta: article, hash, search, problems: fileProblems });
      }
    }

    if (gone.length > 0) {
      await this.q('deleteFiles', [gone]);
      unscheduled.push(...gone);
    }
    if (sources.size > 0) {
      const stored = [...sources.values()];
      await this.q('storeSources', [stored.map(([hash]) => hash), stored.map(([, bytes]) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))]);
    }
    if (rows.length > 0) {
      const column = <K extends keyof FileRow>(name: K) => rows.map((row) => row[name]);
      await this.q('upsertFiles', [
        column('path'),
        column('dir'),
        column('mtime'),
        column('size'),
        column('hash'),
        column('key'),
        column('date'),
        column('hidden'),
        column('problems'),
        column('held'),
        column('expires'),
        batch.origin ?? 'folder',
      ]);
    }
    // A file that says its URL moved publishes a redirect there, and nothing else.
    const rewritten = [...gone, ...rows.map((row) => row.path)];
    if (rewritten.length > 0) await this.q('forgetMoves', [rewritten, 'redirect']);
    const redirects = reads.flatMap(({ path, parsed }) => (parsed.article?.redirect ? [[parsed.article.key, parsed.article.redirect, path]] : []));
    if (redirects.length > 0) {
      await this.q('move', [
        redirects.map(([key]) => key),
        redirects.map(([, target]) => target),
        redirects.map(([, , path]) => path),
        redirects.map(() => 'redirect'),
      ]);
    }
    if (unscheduled.length > 0) await this.q('unschedule', [unscheduled]);
    if (scheduled.length > 0) await this.q('schedule', [scheduled.map(([path]) => path), scheduled.map(([, date]) => date)]);

    const changes = await this.resolveKeys([...keys], fresh, bodies, detailedUpTo, forget);
    if (forget.length > 0) await this.q('forgetSources', [forget]);
    const authors = await this.applyAuthors(reads, deleted, problems);
    return { files: paths, changes, problems, ...(authors.length > 0 ? { authors } : {}) };
  }

  /**
   * Decides which file owns each URL and whether it is published, and brings the articles, their
   * lists, text and search entries in line: removals first, then insertions in the keys' order
   * (the order the SQLite writer gives ids that collide).
   */
  private async resolveKeys(
    keys: string[],
    fresh: ReadonlySet<string>,
    bodies: Map<string, NewArticle>,
    detailedUpTo: number,
    forget: Buffer[] = [],
  ): Promise<ArticleChange[]> {
    if (keys.length === 0) return [];
    const now = this.now();
    const candidates = new Map<string, Candidate[]>();
    for (const row of await this.q<{ key: string; path: string; date: number; hidden: Hidden; expires: number | null }>('candidates', [keys])) {
      const list = candidates.get(row.key) ?? [];
      list.push({ path: row.path, date: row.date, hidden: row.hidden, expires: row.expires });
      candidates.set(row.key, list);
    }
    const current = new Map((await this.q<ArticleRow>('articlesByKey', [keys])).map((row) => [row.key, row]));
    const duplicates: [string, string | null][] = [];
    const removed: ArticleRow[] = [];
    const inserted: { key: string; path: string }[] = [];
    const expired: string[] = [];
    for (const key of keys) {
      const { owner, published } = ownerOf(candidates.get(key) ?? [], now, this.options.preview);
      // Expired before any store published it (read for the first time after its expiryDate): 410 all the same.
      if (!published && !current.has(key) && goneByExpiry(candidates.get(key) ?? [], now, this.options.preview)) expired.push(key);
      for (const candidate of candidates.get(key) ?? []) duplicates.push([candidate.path, candidate === owner ? null : (owner as Candidate).path]);
      const live = current.get(key);
      // A held file is never fresh: its article stays as it was, its last good version.
      if (live && published && owner && live.path === owner.path && !fresh.has(live.path)) continue;
      if (live) removed.push(live);
      if (published && owner) inserted.push({ key, path: owner.path });
    }
    if (duplicates.length > 0) await this.q('setDuplicates', [duplicates.map(([path]) => path), duplicates.map(([, dup]) => dup)]);
    if (expired.length > 0) await this.q('markGone', [expired, now]);

    // The owner may have changed without being read in this update (the old one left): read it from the store's copy.
    const missing = inserted.filter((entry) => !bodies.has(entry.path)).map((entry) => entry.path);
    if (missing.length > 0) await this.loadStored(missing, bodies);

    const changes = new Map<string, ArticleChange>();
    const detailed = removed.length + inserted.length <= detailedUpTo;
    const removedMeta = new Map(removed.map((row) => [row.id, JSON.parse(row.meta) as ArticleMeta]));
    // Newer ones counted before they leave their lists: whether the recent articles on every page show them.
    const removedNeighbours = detailed
      ? await this.neighboursOf(
          removed.map((row) => [row.id, removedMeta.get(row.id) as ArticleMeta]),
          NEWER_COUNTED,
        )
      : new Map();
    for (const row of removed) {
      const meta = removedMeta.get(row.id) as ArticleMeta;
      changes.set(row.key, { key: row.key, before: { meta, ...removedNeighbours.get(row.id) } });
    }
    await this.removeArticles(removed, removedMeta);

    const added = inserted.flatMap(({ key, path }) => {
      const body = bodies.get(path);
      return body ? [{ key, body }] : [];
    });
    await this.insertArticles(added.map((entry) => entry.body));
    for (const { key, body } of added) {
      const change = changes.get(key) ?? { key };
      change.after = { meta: body.meta };
      changes.set(key, change);
    }
    if (detailed) {
      const after = await this.neighboursOf(added.map(({ body }) => [body.id as number, body.meta]));
      for (const { key, body } of added) Object.assign(changes.get(key)?.after as ArticleState, after.get(body.id as number));
    }
    forget.push(...removed.map((row) => row.hash));
    return keys.flatMap((key) => changes.get(key) ?? []);
  }

  /** Parses the files whose bytes the store holds (an owner not read in this update). */
  private async loadStored(paths: string[], bodies: Map<string, NewArticle>): Promise<void> {
    const rows = await this.q<{ path: string; mtime: number; size: number; bytes: Buffer }>('storedFiles', [paths]);
    for (const row of rows) {
      const parsed = parseFile('', row.path, this.options, true, {
        text: row.bytes.toString('utf8'),
        bytes: row.bytes,
        stats: { mtimeMs: row.mtime, size: row.size },
      });
      if (!parsed.article) continue;
      const search = parsed.search && { ...parsed.search, body: searchDocument(parsed.search).lexemes };
      bodies.set(row.path, { meta: parsed.article, hash: contentHash(row.bytes), search, problems: parsed.problems });
    }
  }

  /** The list ids of the given lists, adding the ones the store does not have yet. */
  private async resolveLists(wanted: Iterable<[string, string, string, string]>): Promise<void> {
    const missing = new Map<string, [string, string, string, string]>();
    for (const list of wanted) {
      const cacheKey = `${list[0]}\u0000${list[1]}\u0000${list[2]}`;
      if (!this.listIds.has(cacheKey)) missing.set(cacheKey, list);
    }
    if (missing.size === 0) return;
    const rows = [...missing.values()];
    const column = (i: number) => rows.map((row) => row[i]);
    await this.q('addLists', [column(0), column(1), column(2), column(3).map((name) => storable(name as string))]);
    for (const row of await this.q<{ id: number; lang: string; kind: string; slug: string }>('listIds', [column(0), column(1), column(2)])) {
      this.listIds.set(`${row.lang}\u0000${row.kind}\u0000${row.slug}`, row.id);
    }
  }

  private listId(lang: string, kind: string, slug: string): number | undefined {
    return this.listIds.get(`${lang}\u0000${kind}\u0000${slug}`);
  }

  /**
   * Newer and older in the same language of each article, as the store stands now; with
   * `countNewer`, how many of its language are newer too, counted up to that.
   */
  private async neighboursOf(articles: [number, ArticleMeta][], countNewer = 0): Promise<Map<number, Omit<ArticleState, 'meta'>>> {
    if (articles.length === 0) return new Map();
    await this.resolveLists(articles.map(([, meta]) => [meta.lang, 'all', '', '']));
    const lists = articles.map(([, meta]) => this.listId(meta.lang, 'all', '') as number);
    const rows = await this.q<{ article: number; newer: string | null; older: string | null; newer_count: number }>('neighbours', [
      lists,
      articles.map(([id]) => id),
      countNewer,
    ]);
    return new Map(
      rows.map((row) => [
        row.article,
        { newer: row.newer ?? undefined, older: row.older ?? undefined, ...(countNewer > 0 ? { newerCount: row.newer_count } : {}) },
      ]),
    );
  }

  private async removeArticles(removed: ArticleRow[], metas: Map<number, ArticleMeta>): Promise<void> {
    if (removed.length === 0) return;
    const items: [number, number][] = [];
    const wanted: [string, string, string, string][] = [];
    for (const row of removed) {
      const meta = metas.get(row.id) as ArticleMeta;
      for (const [kind, slug, name] of listsOf(meta)) wanted.push([meta.lang, kind, slug, name]);
    }
    await this.resolveLists(wanted);
    for (const row of removed) {
      const meta = metas.get(row.id) as ArticleMeta;
      for (const [kind, slug] of listsOf(meta)) {
        const list = this.listId(meta.lang, kind, slug);
        if (list !== undefined) items.push([list, row.id]);
      }
    }
    await this.q('removeItems', [items.map(([list]) => list), items.map(([, id]) => id)]);
    const ids = removed.map((row) => row.id);
    await this.q('deleteSearch', [ids]);
    const corrected = removed.filter((row) => (metas.get(row.id) as ArticleMeta).corrections?.length).map((row) => row.id);
    if (corrected.length > 0) await this.q('deleteCorrections', [corrected]);
    await this.q('deleteArticles', [ids]);
    // Taken down: their URLs answer 410 Gone until an article holds them again (insertArticles).
    await this.q('markGone', [removed.map((row) => row.key), this.now()]);
    await this.q('forgetMoves', [removed.map((row) => row.path), 'alias']);
  }

  /** Gives each article its id (its sort key, or the next free one), and writes it, its lists, and its search entry. */
  private async insertArticles(articles: NewArticle[]): Promise<void> {
    if (articles.length === 0) return;
    let wanted = articles.map((article) => sortKey(article.meta.date, article.meta.file));
    const assigned = new Set<number>();
    for (;;) {
      const taken = new Set((await this.q<{ id: number }>('idsTaken', [wanted])).map((row) => row.id));
      let clash = false;
      wanted = wanted.map((id) => {
        let next = id;
        while (taken.has(next) || assigned.has(next)) next++;
        if (next !== id) clash = true;
        assigned.add(next);
        return next;
      });
      if (!clash) break;
      assigned.clear();
    }
    articles.forEach((article, i) => (article.id = wanted[i] as number));

    const metas = articles.map((article) => article.meta);
    // Their URLs are no longer gone, and their old ones (Hugo's `aliases`) lead to them.
    await this.q('forgetGone', [metas.map((meta) => meta.key)]);
    const aliases = metas.flatMap((meta) =>
      meta.aliases.flatMap((alias) => {
        const key = aliasKey(alias, meta, this.options.languages);
        return key ? [[key, articlePath(meta), meta.file]] : [];
      }),
    );
    if (aliases.length > 0) {
      await this.q('move', [aliases.map(([key]) => key), aliases.map(([, target]) => target), aliases.map(([, , file]) => file), aliases.map(() => 'alias')]);
    }
    await this.q('insertArticles', [
      wanted,
      metas.map((meta) => meta.file),
      metas.map((meta) => meta.key),
      metas.map((meta) => meta.key.toLowerCase()),
      metas.map((meta) => meta.lang),
      metas.map((meta) => meta.date),
      articles.map((article) => article.hash),
      metas.map((meta) => JSON.stringify(meta)),
    ]);
    // Their corrections, for the corrections page (newest first by their own date).
    const corrections = articles.flatMap((article) =>
      (article.meta.corrections ?? []).map((c, n) => [article.id as number, n, article.meta.lang, c.date] as const),
    );
    if (corrections.length > 0) {
      await this.q('insertCorrections', [
        corrections.map((c) => c[0]),
        corrections.map((c) => c[1]),
        corrections.map((c) => c[2]),
        corrections.map((c) => c[3]),
      ]);
    }
    const searchable = articles.filter((article) => article.search);
    if (searchable.length > 0) {
      await this.q('insertSearch', [
        searchable.map((article) => article.id),
        searchable.map((article) => article.search?.lang),
        searchable.map((article) => article.search?.body),
        searchable.map((article) => titleLexemes(article.search?.title ?? '')),
      ]);
    }

    const memberships = articles.map((article) =>
      listsOf(article.meta).map(([kind, slug, name]) => [article.meta.lang, kind, slug, name] as [string, string, string, string]),
    );
    await this.resolveLists(memberships.flat());
    const touched = [...new Set(memberships.flat().map(([lang, kind, slug]) => this.listId(lang, kind, slug) as number))];
    const newest = new Map((await this.q<{ id: number; newest: number | null }>('newestInLists', [touched])).map((row) => [row.id, row.newest ?? -Infinity]));
    const renames = new Map<number, string>();
    const items: [number, number][] = [];
    articles.forEach((article, i) => {
      for (const [lang, kind, slug, name] of memberships[i] as [string, string, string, string][]) {
        const list = this.listId(lang, kind, slug) as number;
        // A term is named as its newest article writes it.
        if (kind !== 'all' && (newest.get(list) ?? -Infinity) < (article.id as number)) {
          renames.set(list, storable(name));
          newest.set(list, article.id as number);
        }
        items.push([list, article.id as number]);
      }
    });
    await this.q('addItems', [items.map(([list]) => list), items.map(([, id]) => id)]);
    if (renames.size > 0) await this.q('renameLists', [[...renames.keys()], [...renames.values()]]);
  }
}
