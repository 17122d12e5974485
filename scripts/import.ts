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
 * `.import-ledger/` in the content folder (docs/importing.md).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { languages, siteConfig } from '@/lib/config';
import { contentDir } from '@/lib/content/contentDir';
import { DEFAULT_LIMITS, type FetchLimits } from '@/lib/import/fetchSource';
import { formatImportReport } from '@/lib/import/importReport';
import { importItems } from '@/lib/import/importItems';
import { loadSource, resolveSources } from '@/lib/import/sources';

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

const options = {
  contentDir: values.content ? path.resolve(values.content) : contentDir(),
  languages: languages.map((language) => language.code),
  languageMap: siteConfig.importLanguages,
  timeZone: siteConfig.timeZone,
  update: values.update,
  language: values.language,
};

/** One run over every source; true when each could be read. */
async function importAll(): Promise<boolean> {
  let readable = true;
  for (const location of positionals) {
    const refs = resolveSources(location, values.source, limits);
    if (refs.length === 0) console.log(`${location}: no JSON files`);
    for (const ref of refs) {
      let source;
      try {
        source = await loadSource(ref);
      } catch (error) {
        readable = false;
        console.log(`${ref.label}: could not be read: ${(error as Error).message}`);
        continue;
      }
      try {
        console.log(formatImportReport(ref.label, await importItems(source, options)));
      } catch (error) {
        readable = false;
        console.log(`${ref.label}: could not be imported: ${(error as Error).message}`);
      }
    }
  }
  return readable;
}

const every = values.every ? duration(values.every) : undefined;
if (every === undefined) {
  process.exitCode = (await importAll()) ? 0 : 1;
} else {
  // Until stopped (Ctrl-C, or the service manager): one run, then the next after `every`.
  for (;;) {
    console.log(`[${new Date().toISOString()}] importing into ${options.contentDir}`);
    await importAll();
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
