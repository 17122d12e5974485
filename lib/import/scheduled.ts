import { languages, siteConfig } from '@/lib/config';
import { contentDir } from '@/lib/content/contentDir';
import { storeImportLedger, type TouchedArticle } from '@/lib/store';
import { runImport, parseImportSources } from './runImport';

/** How long a scheduled import waits for the store's writer lock (a sync at build, another import) before its sources fail. */
const STORE_WAIT_MS = 30_000;

export type ScheduledImport =
  | { refused: string }
  | {
      /** Whether every source could be read and imported. */
      readable: boolean;
      /** One report per source. */
      lines: string[];
      written: number;
      /** The articles published, changed or removed: their pages are refreshed. */
      touched: TouchedArticle[];
    };

/**
 * The import the cron route runs (Vercel Cron every 10 minutes, vercel.json; or any scheduler):
 * the sources IMPORT_SOURCES names (parseImportSources), into the PostgreSQL store when
 * DATABASE_URL names one, so it publishes with no commit and no redeploy; else into the content
 * folder, which only a server with a writable folder has (never a Vercel function: refused).
 * IMPORT_UPDATE=1 rewrites articles whose item changed upstream (`--update`).
 */
export async function scheduledImport(env: Readonly<Record<string, string | undefined>> = process.env): Promise<ScheduledImport> {
  const sources = parseImportSources(env.IMPORT_SOURCES);
  if (sources.length === 0) return { refused: 'IMPORT_SOURCES names no source: set it to the feeds or upstream files to import (docs/importing.md)' };
  const touched: TouchedArticle[] = [];
  const openLedger = storeImportLedger({ waitMs: STORE_WAIT_MS, onChanged: (articles) => touched.push(...articles) });
  if (!openLedger && env.VERCEL)
    return { refused: 'a Vercel function has no content folder to write: set DATABASE_URL to a PostgreSQL store to import into it (docs/deploying.md)' };
  const run = await runImport(
    sources,
    {
      contentDir: contentDir(),
      languages: languages.map((language) => language.code),
      languageMap: siteConfig.importLanguages,
      timeZone: siteConfig.timeZone,
      update: env.IMPORT_UPDATE === '1' || env.IMPORT_UPDATE === 'true',
      openLedger,
    },
    undefined,
    (line) => console.log(`[import] ${line}`),
  );
  return { readable: run.readable, lines: run.lines, written: run.written, touched };
}
