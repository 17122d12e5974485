/**
 * npm run import -- SOURCE... [--source NAME] [--language CODE] [--update] [--every 10m] [--content DIR]
 *   [--max-compressed 20MB] [--max-decompressed 50MB] [--allow-private-redirects]
 *
 * Turns upstream news into articles in the content folder (CONTENT_DIR, or ./content): each
 * SOURCE a folder of the aggregator's upstream JSON files (walked), one such file or its URL, or
 * an RSS 2.0, Atom or JSON Feed file or URL (--source names the folder its articles go to;
 * --language is the language of items that name none). A
 * running server publishes what lands within seconds. Prints a report per source; exits 1 only
 * if a source could not be read or imported at all. What it wrote is recorded in
 * `.import-ledger/` in the content folder (docs/importing.md). With DATABASE_URL naming a
 * PostgreSQL store (and no --content), the articles and the record go into the store instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { languages, siteConfig } from '@/lib/config';
import { contentDir } from '@/lib/content/contentDir';
import { DEFAULT_LIMITS, type FetchLimits } from '@/lib/import/fetchSource';
import type { ImportOptions } from '@/lib/import/importItems';
import { runImport } from '@/lib/import/runImport';
import { storeImportLedger } from '@/lib/store';

const USAGE =
  'npm run import -- SOURCE... [--source NAME] [--language CODE] [--update] [--every 10m] [--content DIR] [--max-compressed 20MB] [--max-decompressed 50MB] [--allow-private-redirects]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: 'string' },
    language: { type: 'string' },
    update: { type: 'boolean', default: false },
    every: { type: 'string' },
    content: { type: 'string' },
    'max-compressed': { type: 'string' },
    'max-decompressed': { type: 'string' },
    'allow-private-redirects': { type: 'boolean', default: false },
  },
});

if (positionals.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

/** "10m", "30s", "1h" (a plain number: seconds) in milliseconds. */
function duration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--every ${text}: write it like 30s, 10m or 1h`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
}

/** "20MB", "512 KB", "1GB" or a number of bytes; K, M and G are powers of 1024. */
function size(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMG]?)B?$/i.exec(text.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`${name} ${text}: write it like 20MB, 512KB or a number of bytes`);
  return Math.round(Number(match[1]) * 1024 ** ' KMG'.indexOf((match[2] || ' ').toUpperCase()));
}

/** A limit from its flag, else its environment variable, else the default. */
function limit(flag: 'max-compressed' | 'max-decompressed', variable: string, fallback: number): number {
  const given = values[flag] ?? process.env[variable];
  return given === undefined || given === '' ? fallback : size(given, values[flag] === undefined ? variable : `--${flag}`);
}

const limits: FetchLimits = {
  ...DEFAULT_LIMITS,
  maxCompressed: limit('max-compressed', 'IMPORT_MAX_COMPRESSED', DEFAULT_LIMITS.maxCompressed),
  maxDecompressed: limit('max-decompressed', 'IMPORT_MAX_DECOMPRESSED', DEFAULT_LIMITS.maxDecompressed),
  allowPrivateRedirects: values['allow-private-redirects'],
};

/** How long an import waits for the store's writer lock before the source fails. */
const STORE_WAIT_MS = 120_000;

// With DATABASE_URL naming PostgreSQL the articles and the ledger go into the store (no folder,
// no commit, no redeploy); --content DIR writes Markdown files into DIR all the same.
const intoStore = values.content
  ? undefined
  : storeImportLedger({
      waitMs: STORE_WAIT_MS,
      onWaiting: () =>
        console.info(
          `Another instance is writing into the store; waiting up to ${STORE_WAIT_MS / 1000} s (a server following its content folder writes for as long as it runs: import into that folder with --content DIR).`,
        ),
    });
const options: ImportOptions = {
  contentDir: values.content ? path.resolve(values.content) : contentDir(),
  languages: languages.map((language) => language.code),
  languageMap: siteConfig.importLanguages,
  timeZone: siteConfig.timeZone,
  update: values.update,
  language: values.language,
  openLedger: intoStore,
};

const sources = positionals.map((location) => ({ location, name: values.source }));
const importAll = async () => (await runImport(sources, options, limits, (line) => console.log(line))).readable;

const every = values.every ? duration(values.every) : undefined;
if (every === undefined) {
  process.exitCode = (await importAll()) ? 0 : 1;
} else {
  // Until stopped (Ctrl-C, or the service manager): one run, then the next after `every`.
  for (;;) {
    console.log(`[${new Date().toISOString()}] importing into ${intoStore ? 'the PostgreSQL store (DATABASE_URL)' : options.contentDir}`);
    await importAll();
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
