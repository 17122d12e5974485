/*
 * The PostgreSQL store's schema, as numbered migrations a new version applies by itself when it
 * opens the store (migrate.ts). A migration is never edited once released: a change is a new one.
 *
 * The tables mean what the SQLite catalog's do (lib/catalog/schema.ts), with two differences:
 * the store is the truth every instance reads (not a cache of one folder), so it keeps every
 * file's bytes (`sources`, by content hash: export writes them back out, and a duplicate or
 * future-dated file can be published with no folder at hand); and the full-text index is a table
 * of its own here, written in the same transaction as the articles.
 *
 * - `files`: every Markdown file as last synced: its stat, content hash, the URL key it claims,
 *   problems, the file it duplicates, and whether its article is held at its last good version.
 * - `articles`: the published ones, one per URL; id = sortKey (newest first is the key's order);
 *   `hash` names the published text in `sources` (a held article's differs from its file's).
 * - `lists` / `list_items`: a language's articles, each category, tag and menu; counts are kept
 *   exact by the writer in the statement that adds or removes the items.
 * - `search`: one tsvector per article holding its index tokens (lib/search/ftsText.ts), each
 *   title token again under TITLE_MARK and the language under LANGUAGE_MARK (searchDocument.ts);
 *   in two hash partitions by id since migration 8, so that their GIN indexes build side by side.
 * - `titles` (migration 9): each entry's marked title lexemes alone, by id: a row narrow enough
 *   that related articles' windows walk the newest titles first (postgres/fullText.ts).
 * - `changes`: what each transaction touched, numbered; `scheduled`: the next moment each file's
 *   visibility changes (its date or publishDate ahead, then its expiryDate: `files.expires`,
 *   migration 5).
 * - `meta`: the store's id (a new store has another), `complete` once a whole folder was synced.
 * - `gone`, `moved` (migration 2): taken-down URLs (410), and URLs that redirect (an article's
 *   `aliases`, a file's `redirect`), with the file that says so.
 * - `files.origin`, `import_ledger` (migration 3): who wrote each file: a sync of the content
 *   folder (`folder`) or `npm run import` straight into the store (`import`: no file in any folder,
 *   so a sync never takes it for one deleted); and the importer's record of what it wrote
 *   (lib/import/ledger.ts), kept with the articles so both change in one transaction.
 */

import { TITLE_MARK } from './searchDocument';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'catalog, sources, full-text index and change log',
    sql: `
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO meta (key, value) VALUES ('id', gen_random_uuid()::text);

CREATE TABLE sources (hash bytea PRIMARY KEY, bytes bytea NOT NULL);
-- Markdown compresses well, and lz4 reads back several times faster than the default.
DO $$ BEGIN ALTER TABLE sources ALTER COLUMN bytes SET COMPRESSION lz4; EXCEPTION WHEN OTHERS THEN NULL; END $$;

CREATE TABLE files (
  path text COLLATE "C" PRIMARY KEY,
  dir text COLLATE "C" NOT NULL,
  mtime float8 NOT NULL,
  size bigint NOT NULL,
  hash bytea,
  key text COLLATE "C",
  date float8,
  draft boolean NOT NULL DEFAULT false,
  problems text,
  dup_of text COLLATE "C",
  held boolean NOT NULL DEFAULT false
);
CREATE INDEX files_dir ON files (dir);
CREATE INDEX files_key ON files (key) WHERE key IS NOT NULL;
CREATE INDEX files_hash ON files (hash);
CREATE INDEX files_problems ON files (path) WHERE problems IS NOT NULL OR dup_of IS NOT NULL;

CREATE TABLE scheduled (path text COLLATE "C" PRIMARY KEY, date float8 NOT NULL);
CREATE INDEX scheduled_date ON scheduled (date);

CREATE TABLE articles (
  id bigint PRIMARY KEY,
  path text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL UNIQUE,
  key_lower text COLLATE "C" NOT NULL,
  lang text COLLATE "C" NOT NULL,
  date float8 NOT NULL,
  hash bytea NOT NULL,
  meta text NOT NULL
);
CREATE INDEX articles_key_lower ON articles (key_lower, id);
CREATE INDEX articles_hash ON articles (hash);
CREATE INDEX articles_path ON articles (path);

CREATE TABLE lists (
  id serial PRIMARY KEY,
  lang text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  count integer NOT NULL DEFAULT 0,
  UNIQUE (lang, kind, slug)
);
CREATE INDEX lists_by_count ON lists (lang, kind, count);

CREATE TABLE list_items (
  list integer NOT NULL,
  article bigint NOT NULL,
  PRIMARY KEY (list, article)
);

CREATE TABLE search (id bigint PRIMARY KEY, lang text COLLATE "C" NOT NULL, doc tsvector NOT NULL);
CREATE INDEX search_doc ON search USING gin (doc);
DO $$ BEGIN ALTER TABLE search ALTER COLUMN doc SET COMPRESSION lz4; EXCEPTION WHEN OTHERS THEN NULL; END $$;

-- Matches through the GIN index, whatever the planner estimates: walking the ids newest first
-- and testing each entry (what it picks for a term it guesses common) reads every entry for a
-- rare one (21 s for a word in no article at 180,000 articles). The settings hold inside these
-- functions only.
CREATE FUNCTION search_count(q tsquery, l text) RETURNS bigint LANGUAGE sql STABLE
  SET enable_seqscan = off SET enable_indexscan = off
  AS $f$ SELECT count(*) FROM search WHERE doc @@ q AND (l IS NULL OR lang = l) $f$;
CREATE FUNCTION search_ids(q tsquery, l text, n integer, skip integer) RETURNS SETOF bigint LANGUAGE sql STABLE
  SET enable_seqscan = off SET enable_indexscan = off
  AS $f$ SELECT id FROM search WHERE doc @@ q AND (l IS NULL OR lang = l) ORDER BY id DESC LIMIT n OFFSET skip $f$;

CREATE TABLE changes (seq bigserial PRIMARY KEY, at float8 NOT NULL, refresh text NOT NULL);
`,
  },
  {
    version: 2,
    name: 'takedowns and moves: gone and moved URLs, and files that are never articles',
    sql: `
-- 0 shown once its date comes, 1 shown to no reader (a draft, unpublish: true), 2 never an
-- article (a file with redirect:): lib/store/rules.ts, Hidden.
ALTER TABLE files RENAME COLUMN draft TO hidden;
ALTER TABLE files ALTER COLUMN hidden DROP DEFAULT;
ALTER TABLE files ALTER COLUMN hidden TYPE smallint USING CASE WHEN hidden THEN 1 ELSE 0 END;
ALTER TABLE files ALTER COLUMN hidden SET DEFAULT 0;

-- URLs whose article was taken down: 410 Gone until an article holds them again.
CREATE TABLE gone (key text COLLATE "C" PRIMARY KEY, at float8 NOT NULL);
-- URLs that redirect: an article's aliases, a file's redirect; with the file that says so.
CREATE TABLE moved (key text COLLATE "C" PRIMARY KEY, target text NOT NULL, file text COLLATE "C" NOT NULL, kind text NOT NULL);
CREATE INDEX moved_file ON moved (file, kind);
`,
  },
  {
    version: 3,
    name: 'articles the importer writes into the store, and its ledger',
    sql: `
-- 'folder': written by a sync of the content folder, removed when the file leaves it; 'import':
-- written by npm run import into the store, in no folder (until a folder holding it is synced).
ALTER TABLE files ADD COLUMN origin text COLLATE "C" NOT NULL DEFAULT 'folder';
CREATE INDEX files_imported ON files (dir) WHERE origin <> 'folder';

-- One row per article the importer wrote or adopted (lib/import/ledger.ts, LedgerEntry): hashes of
-- the upstream item and of the text written, and an upstream version already reported as a conflict.
CREATE TABLE import_ledger (
  file text COLLATE "C" PRIMARY KEY,
  folder text COLLATE "C" NOT NULL,
  upstream text,
  text_hash text,
  conflict text
);
CREATE INDEX import_ledger_folder ON import_ledger (folder);
`,
  },
  // Version 4 was never used; migrate.ts applies whichever are missing, in order.
  {
    version: 5,
    name: 'schedules: expiryDate of each file, files.date as the moment it may be shown',
    sql: `
-- A file's expiryDate (lib/content/schedule.ts): shown no more from then on, 410 after.
ALTER TABLE files ADD COLUMN expires float8;
CREATE INDEX files_expires ON files (expires) WHERE expires IS NOT NULL;
-- files.date now holds publishDate where one is written: files read before are read again
-- (the sync's fingerprint of the code changes with this migration, sync.ts).
`,
  },
  {
    version: 6,
    name: 'authors described in the content folder',
    sql: `
-- Each author file's description (authors/<id>.md, lib/content/authorFile.ts) as JSON, by path;
-- its bytes are in files and sources like any file's, so an export writes it back. Bylines and
-- author pages read it by id (two files of one id: the first by path).
CREATE TABLE authors (path text COLLATE "C" PRIMARY KEY, id text COLLATE "C" NOT NULL, data text NOT NULL);
CREATE INDEX authors_id ON authors (id, path);
`,
  },
  {
    version: 7,
    name: "corrections: each article's corrections by language and date, for the corrections page",
    sql: `
-- One row per correction of a published article (front matter corrections:), its text kept in
-- the article's metadata (n: its place there): a language's corrections newest first, whatever
-- the dates of their articles. Filled as articles are written (the sync's loader 8 reads every
-- file again, sync.ts).
CREATE TABLE corrections (
  article bigint NOT NULL,
  n integer NOT NULL,
  lang text COLLATE "C" NOT NULL,
  date float8 NOT NULL,
  PRIMARY KEY (article, n)
);
CREATE INDEX corrections_recent ON corrections (lang, date, article, n);
`,
  },
  {
    version: 8,
    name: 'the full-text index in two partitions, built side by side',
    sql: `
-- PostgreSQL 15 builds a GIN index on one core (6 to 8 minutes for a million articles): in two
-- hash partitions, a bulk sync builds their indexes at once on two connections
-- (deferredIndexes.ts), and the index of the whole table only attaches them. Same columns, same
-- queries: PostgreSQL reads both partitions for a search.
DROP INDEX IF EXISTS search_doc;
ALTER TABLE search RENAME TO search_unpartitioned;
ALTER INDEX search_pkey RENAME TO search_unpartitioned_pkey;
CREATE TABLE search (id bigint NOT NULL, lang text COLLATE "C" NOT NULL, doc tsvector NOT NULL, PRIMARY KEY (id)) PARTITION BY HASH (id);
CREATE TABLE search_0 PARTITION OF search FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE search_1 PARTITION OF search FOR VALUES WITH (MODULUS 2, REMAINDER 1);
DO $$ BEGIN
  ALTER TABLE search_0 ALTER COLUMN doc SET COMPRESSION lz4;
  ALTER TABLE search_1 ALTER COLUMN doc SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL; END $$;
INSERT INTO search (id, lang, doc) SELECT id, lang, doc FROM search_unpartitioned;
DROP TABLE search_unpartitioned;
-- A large store gets its indexes when it is next opened instead, in the background, the two
-- partitions side by side (indexRepair.ts): searches read the table meanwhile, and the site is
-- not held up starting.
DO $$ BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM search LIMIT 100000) few) < 100000 THEN
    CREATE INDEX search_0_doc ON search_0 USING gin (doc);
    CREATE INDEX search_1_doc ON search_1 USING gin (doc);
    CREATE INDEX search_doc ON search USING gin (doc);
  END IF;
END $$;
`,
  },
  {
    version: 9,
    name: 'title words apart from the full text, walked newest first by related articles',
    sql: `
-- Related articles ask for the newest titles holding any of a few words (relatedArticles.ts).
-- Through the full-text index that reads every title holding any of them and sorts them all:
-- at a million articles 50 ms a query, common words matching 100,000 titles. Walking the
-- newest entries instead reads each one's whole document. Here each entry's marked title
-- lexemes (searchDocument.ts, TITLE_MARK) in a row narrow enough to walk: the newest 1,800
-- titles in under 2 ms (fullText.ts). The writer fills it beside \`search\`.
CREATE FUNCTION title_doc(doc tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT array_to_tsvector(ARRAY(SELECT l FROM unnest(tsvector_to_array(doc)) l WHERE starts_with(l, '${TITLE_MARK}'))) $f$;
CREATE TABLE titles (id bigint PRIMARY KEY, lang text COLLATE "C" NOT NULL, doc tsvector NOT NULL);
INSERT INTO titles (id, lang, doc) SELECT id, lang, title_doc(doc) FROM search ORDER BY id;
ANALYZE titles;
`,
  },
];

/** The newest schema this code knows. */
export const LATEST_VERSION = Math.max(0, ...migrations.map((migration) => migration.version));
