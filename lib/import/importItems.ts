import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { articleFile, type SkipReason } from './articleFile';
import type { SourceItems } from './feedItem';

export interface ImportOptions {
  contentDir: string;
  /** The site's language codes. */
  languages: readonly string[];
  /** Upstream language → the site's ("en-US" → "en"), besides the site's own codes. */
  languageMap: Readonly<Record<string, string>>;
  timeZone: string;
  /** Rewrite items whose text changed upstream; without it, an existing file is never touched. */
  update: boolean;
  /** The language of items that name none (a feed without one): --language. */
  language?: string;
  now?: number;
}

export type ImportSkip = SkipReason | 'no language' | 'language' | 'exists' | 'unchanged';

export interface ImportReport {
  read: number;
  written: number;
  updated: number;
  skipped: Partial<Record<ImportSkip, number>>;
  failed: number;
  /** What went wrong with the items that failed, by item. */
  errors: string[];
}

/** The site's language for an upstream one, or why there is none. */
export function siteLanguage(upstream: string | undefined, options: Pick<ImportOptions, 'languages' | 'languageMap'>): string | 'no language' | 'language' {
  const value = upstream?.trim();
  if (!value) return 'no language';
  const mapped = Object.entries(options.languageMap).find(([from]) => from.toLowerCase() === value.toLowerCase())?.[1] ?? value;
  return options.languages.find((code) => code.toLowerCase() === mapped.toLowerCase()) ?? 'language';
}

/**
 * Writes a source's items as Markdown files into the content folder, each under a temporary
 * dot-name first and renamed into place, so a running server never reads half a file and its
 * watcher never sees the temporary one. One bad item never stops the others.
 */
export function importItems(source: SourceItems, options: ImportOptions): ImportReport {
  const report: ImportReport = { read: 0, written: 0, updated: 0, skipped: {}, failed: 0, errors: [] };
  const skip = (reason: ImportSkip) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);
  for (const [index, item] of source.items.entries()) {
    report.read++;
    try {
      const language = siteLanguage(item.language ?? options.language, options);
      if (language === 'no language' || language === 'language') {
        skip(language);
        continue;
      }
      const file = articleFile(item, { folder: source.folder, language, timeZone: options.timeZone, now: options.now });
      if (typeof file === 'string') {
        skip(file);
        continue;
      }
      const target = path.join(options.contentDir, file.path);
      const existed = existsSync(target);
      if (existed && !options.update) {
        skip('exists');
        continue;
      }
      if (existed && sameArticle(readFileSync(target, 'utf8'), file.text, item.published === undefined)) {
        skip('unchanged');
        continue;
      }
      writeAtomically(target, file.text);
      if (existed) report.updated++;
      else report.written++;
    } catch (error) {
      report.failed++;
      report.errors.push(`item ${index + 1}${item.id ? ` (id ${item.id})` : ''}: ${(error as Error).message}`);
    }
  }
  return report;
}

/** Whether two texts of one article differ only in what does not come from upstream (the date of an undated item). */
function sameArticle(existing: string, fresh: string, undated: boolean): boolean {
  if (!undated) return existing === fresh;
  const withoutDate = (text: string) => text.replace(/^date: .*$/m, '');
  return withoutDate(existing) === withoutDate(fresh);
}

function writeAtomically(target: string, text: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
