import { DEFAULT_LIMITS, type FetchLimits } from './fetchSource';
import { formatImportReport } from './importReport';
import { importItems, type ImportOptions } from './importItems';
import { loadSource, resolveSources } from './sources';

/** A place to import from, as the command line or IMPORT_SOURCES names it: a folder, file or URL, and the folder its articles go to. */
export interface SourceLocation {
  location: string;
  /** --source NAME: the folder under `{lang}/news/` (else the source file's folder, or the URL's). */
  name?: string;
}

export interface ImportRun {
  /** Whether every source could be read and imported. */
  readable: boolean;
  /** One report per source (formatImportReport), in order. */
  lines: string[];
  /** Articles written or rewritten, over every source. */
  written: number;
}

/**
 * One import over every source: each read (fetched within `limits`), its items imported into the
 * content folder or the store, as `options.openLedger` says. One source that cannot be read or
 * imported never stops the others.
 */
export async function runImport(
  sources: readonly SourceLocation[],
  options: ImportOptions,
  limits: FetchLimits = DEFAULT_LIMITS,
  log: (line: string) => void = () => undefined,
): Promise<ImportRun> {
  const run: ImportRun = { readable: true, lines: [], written: 0 };
  const say = (line: string) => {
    run.lines.push(line);
    log(line);
  };
  for (const { location, name } of sources) {
    const refs = resolveSources(location, name, limits);
    if (refs.length === 0) say(`${location}: no JSON files`);
    for (const ref of refs) {
      let source;
      try {
        source = await loadSource(ref);
      } catch (error) {
        run.readable = false;
        say(`${ref.label}: could not be read: ${(error as Error).message}`);
        continue;
      }
      try {
        const report = await importItems(source, options);
        run.written += report.written + report.updated;
        say(formatImportReport(ref.label, report));
      } catch (error) {
        run.readable = false;
        say(`${ref.label}: could not be imported: ${(error as Error).message}`);
      }
    }
  }
  return run;
}

/**
 * IMPORT_SOURCES, the sources of the scheduled import (the cron route): locations separated by
 * spaces, commas or line breaks, each a URL (or a path on the server), optionally `NAME=` before
 * it for the folder its articles go to: `desk=https://example.org/feed.xml https://example.org/upstream/wire/list.json`.
 */
export function parseImportSources(text: string | undefined): SourceLocation[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const named = /^([\w.-]+)=(.+)$/.exec(entry);
      // A URL never matches: its scheme's colon is not part of a name.
      return named ? { name: named[1], location: named[2] as string } : { location: entry };
    });
}
