import { articleFile, type SkipReason } from './articleFile';
import type { SourceItems } from './feedItem';
import { openFileLedger } from './fileLedger';
import { hashItem, hashText, type ImportLedger, type LedgerEntry, type LedgerWrite } from './ledger';

export interface ImportOptions {
  contentDir: string;
  /** The site's language codes. */
  languages: readonly string[];
  /** Upstream language → the site's ("en-US" → "en"), besides the site's own codes. */
  languageMap: Readonly<Record<string, string>>;
  timeZone: string;
  /** Rewrite articles whose item changed upstream and that nobody changed since; without it, an existing article is never touched. */
  update: boolean;
  /** The language of items that name none (a feed without one): --language. */
  language?: string;
  now?: number;
  /** Where the record of what was written is kept: the content folder's ledger files unless told. */
  openLedger?: (folder: string) => Promise<ImportLedger>;
}

/**
 * Why an item wrote nothing. `deleted`: its article was deleted after it was imported (a takedown),
 * and is not brought back. `edited`: its article was changed here and upstream changed too, which
 * was reported as a conflict in an earlier run.
 */
export type ImportSkip = SkipReason | 'no language' | 'language' | 'exists' | 'unchanged' | 'deleted' | 'edited';

export interface Conflict {
  /** Relative to the content folder. */
  file: string;
  why: string;
}

export interface ImportReport {
  read: number;
  written: number;
  updated: number;
  skipped: Partial<Record<ImportSkip, number>>;
  /** Articles that changed upstream and here: left as they are, each reported once per upstream version. */
  conflicts: Conflict[];
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

const WHY = {
  edited: 'changed here since it was imported, and its item changed upstream since: left as it is',
  beforeLedger:
    'differs from what the importer writes for its item now, and was written before the importer kept a ledger, so an editor’s change cannot be told from an upstream one: left as it is',
  meanwhile: 'changed, created or deleted by someone while the import ran: left as it is',
};

/** What to do with one item's article, given what the ledger recorded and what is on disk now. */
type Decision = { write: LedgerWrite; counts: 'written' | 'updated' } | { skip: ImportSkip; record?: LedgerEntry } | { conflict: string; record: LedgerEntry };

function decide(
  fresh: { text: string; undated: boolean },
  upstream: string,
  recorded: LedgerEntry | undefined,
  now: string | undefined,
  update: boolean,
  file: string,
): Decision {
  const text = hashText(fresh.text);
  if (now === undefined) {
    // Recorded and gone: deleted on purpose. Never recorded: never written.
    if (recorded) return { skip: 'deleted' };
    return { write: { file, text: fresh.text, entry: { upstream, text } }, counts: 'written' };
  }
  const nowHash = hashText(now);
  if (nowHash === text) {
    // Already what the importer writes: nothing to write, whoever wrote it.
    const same = recorded?.upstream === upstream && recorded.text === text;
    return { skip: update ? 'unchanged' : 'exists', record: same ? undefined : { upstream, text } };
  }
  if (!recorded) {
    // Written before there was a ledger: the importer's own text if it is what it would write now.
    if (sameArticle(now, fresh.text, fresh.undated)) return { skip: update ? 'unchanged' : 'exists', record: { upstream, text: nowHash } };
    if (!update) return { skip: 'exists', record: {} };
    return { conflict: WHY.beforeLedger, record: { conflict: upstream } };
  }
  if (!update) return { skip: 'exists' };
  if (recorded.upstream === upstream) return { skip: 'unchanged' };
  if (nowHash === recorded.text) return { write: { file, text: fresh.text, entry: { upstream, text }, before: nowHash }, counts: 'updated' };
  if (recorded.conflict === upstream) return { skip: 'edited' };
  return { conflict: WHY.edited, record: { ...recorded, conflict: upstream } };
}

/**
 * Writes a source's items as Markdown files into the content folder, and records each in the
 * ledger, so that an article is rewritten (with --update) only when its item changed upstream and
 * nobody changed the article since, and an article deleted after it was imported stays deleted.
 * One bad item never stops the others.
 */
export async function importItems(source: SourceItems, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { read: 0, written: 0, updated: 0, skipped: {}, conflicts: [], failed: 0, errors: [] };
  const skip = (reason: ImportSkip) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);
  const ledger = await (options.openLedger ?? ((folder) => openFileLedger(options.contentDir, folder)))(source.folder);
  try {
    const writes: LedgerWrite[] = [];
    const counts = new Map<string, 'written' | 'updated'>();
    const seen = new Set<string>();
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
        // The same item twice in one source: the first one counts.
        if (seen.has(file.path)) {
          skip('exists');
          continue;
        }
        seen.add(file.path);
        const fresh = { text: file.text, undated: item.published === undefined || item.published === '' };
        const decision = decide(fresh, hashItem(item), await ledger.entry(file.path), await ledger.current(file.path), options.update, file.path);
        if ('write' in decision) {
          writes.push(decision.write);
          counts.set(file.path, decision.counts);
          continue;
        }
        if (decision.record) writes.push({ file: file.path, entry: decision.record });
        if ('conflict' in decision) report.conflicts.push({ file: file.path, why: decision.conflict });
        else skip(decision.skip);
      } catch (error) {
        report.failed++;
        report.errors.push(`item ${index + 1}${item.id ? ` (id ${item.id})` : ''}: ${(error as Error).message}`);
      }
    }
    const result = await ledger.commit(writes);
    const failed = new Map(result.failed.map(({ file, error }) => [file, error]));
    const meanwhile = new Set(result.changedMeanwhile);
    for (const [file, outcome] of counts) {
      if (failed.has(file)) {
        report.failed++;
        report.errors.push(`${file}: ${failed.get(file)}`);
      } else if (meanwhile.has(file)) report.conflicts.push({ file, why: WHY.meanwhile });
      else report[outcome]++;
    }
  } finally {
    await ledger.close();
  }
  return report;
}

/** Whether two texts of one article differ only in what does not come from upstream (the date of an undated item). */
function sameArticle(existing: string, fresh: string, undated: boolean): boolean {
  if (!undated) return existing === fresh;
  const withoutDate = (text: string) => text.replace(/^date: .*$/m, '');
  return withoutDate(existing) === withoutDate(fresh);
}
