/*
 * The catalog: what the site knows about its articles, in SQLite. A cache of the content folder,
 * never the truth: it can be deleted at any time and is rebuilt from the Markdown files.
 *
 * - `files`: every Markdown file as last read (time, size, problems, the URL key it claims);
 *   `scheduled`: the next moment each file's visibility changes (its date or publishDate ahead,
 *   then its expiryDate, `files.expires`); `files.date` is when it may be shown (publishDate,
 *   else date).
 * - `articles`: the published ones, one per URL, with their metadata as JSON. The id is a sort
 *   key (see sortKey.ts), so "newest first" is the order of the primary key.
 * - `lists` / `list_items`: a language's articles, each category and tag, each menu; a list's
 *   count is kept by triggers, so no page ever counts rows.
 * - `sources`: the published text of each article, byte for byte, written in the same
 *   transaction as its row: pages render from it, never from a file that may have changed since
 *   (or broken: a published file edited into one that cannot be read keeps this, its last good
 *   version, live, `files.held`).
 * - `changes`: what each transaction changed, as the page-cache tags to refresh, numbered; the
 *   server's page cache remembers the last it applied, so a change committed just before a crash
 *   is applied after the restart rather than lost (a bounded window, kept in `meta`).
 * - `search_pending`: articles whose full-text entry changed in a transaction the index (its own
 *   file, its own thread) has not yet confirmed committing; a start re-indexes them.
 * - `gone`: URLs whose article was taken down (deleted, `unpublish: true`, made a draft again):
 *   they answer 410 until an article holds them again. `moved`: URLs that redirect, from an
 *   article's `aliases` or a file's `redirect`, with the file that says so.
 * - `corrections`: each published article's corrections (front matter `corrections:`), by
 *   language and date, for the corrections page: newest correction first, whatever the date of
 *   its article. The text stays in the article's metadata (`n`: its place in that list).
 *
 * - `authors`: each author file's description (`authors/<id>.md`, lib/content/authorFile.ts) as
 *   JSON, by path; bylines and author pages read it by id (two files of one id: the first by path).
 *
 * The full-text index lives in a second file (searchSchemaSql), written by a thread of its own:
 * filling it is most of the work of reading an archive, and SQLite lets one writer at a time
 * into a file, so the two files are written side by side.
 */

/** Bumped whenever the schema or what is stored in it changes: an older catalog is rebuilt. */
export const SCHEMA_VERSION = 9;

export const schemaSql = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  dir TEXT NOT NULL,
  mtime REAL NOT NULL,
  size INTEGER NOT NULL,
  key TEXT,
  date INTEGER,
  draft INTEGER NOT NULL DEFAULT 0,
  problems TEXT,
  dup_of TEXT,
  held INTEGER NOT NULL DEFAULT 0,
  expires INTEGER
);
CREATE INDEX IF NOT EXISTS files_dir ON files (dir);
-- Files with an expiryDate (a few): the publication timer schedules each expiry from here.
CREATE INDEX IF NOT EXISTS files_expires ON files (expires) WHERE expires IS NOT NULL;
CREATE INDEX IF NOT EXISTS files_key ON files (key) WHERE key IS NOT NULL;

-- Files dated in the future when read, or expiring: what the publication timer looks at (a few, not all).
CREATE TABLE IF NOT EXISTS scheduled (path TEXT PRIMARY KEY, date INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS scheduled_date ON scheduled (date);

CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  key_lower TEXT NOT NULL,
  lang TEXT NOT NULL,
  date INTEGER NOT NULL,
  meta TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_key_lower ON articles (key_lower);

CREATE TABLE IF NOT EXISTS sources (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, refresh TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS search_pending (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS gone (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS moved (key TEXT PRIMARY KEY, target TEXT NOT NULL, file TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS moved_file ON moved (file);
CREATE INDEX IF NOT EXISTS search_pending_seq ON search_pending (seq);

CREATE TABLE IF NOT EXISTS lists (
  id INTEGER PRIMARY KEY,
  lang TEXT NOT NULL,
  kind TEXT NOT NULL,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (lang, kind, slug)
);
CREATE INDEX IF NOT EXISTS lists_by_count ON lists (lang, kind, count);

CREATE TABLE IF NOT EXISTS authors (path TEXT PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS authors_id ON authors (id, path);

CREATE TABLE IF NOT EXISTS list_items (
  list INTEGER NOT NULL,
  article INTEGER NOT NULL,
  PRIMARY KEY (list, article)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS corrections (
  article INTEGER NOT NULL,
  n INTEGER NOT NULL,
  lang TEXT NOT NULL,
  date INTEGER NOT NULL,
  PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corrections_recent ON corrections (lang, date, article, n);

CREATE TRIGGER IF NOT EXISTS list_items_added AFTER INSERT ON list_items
BEGIN UPDATE lists SET count = count + 1 WHERE id = NEW.list; END;
CREATE TRIGGER IF NOT EXISTS list_items_removed AFTER DELETE ON list_items
BEGIN UPDATE lists SET count = count - 1 WHERE id = OLD.list; END;
`;

/**
 * The search file: one FTS5 table of the published articles, rowid = article id. Contentless (the
 * text is in the Markdown files), tokens made by lib/search/ftsText.ts, columns kept apart only
 * to rank title matches first. Merged in larger steps than FTS5's default, which suits a table
 * that grows by batches. Its leaves fill a 16 KB page of the file (database.ts) as FTS5's default
 * fills a 4 KB one, with room for the row's header.
 */
export const searchSchemaSql = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (
  title, body, lang,
  content = '', contentless_delete = 1, tokenize = 'ascii', detail = column
);
INSERT INTO search (search, rank) VALUES ('automerge', 16);
INSERT INTO search (search, rank) VALUES ('crisismerge', 64);
INSERT INTO search (search, rank) VALUES ('pgsz', 16000);
`;
