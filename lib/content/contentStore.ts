import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ContentIndex } from './contentIndex';
import { listMarkdownFiles, loadArticleFile, resolveDuplicateUrls, type LoadOptions } from './loadArticles';
import { forEachTimeSliced } from '@/lib/timeSliced';
import type { Problem } from './problems';
import { type FileRecord, readSnapshot, writeSnapshot } from './snapshot';
import type { ArticleMeta } from './types';

const SNAPSHOT_DELAY_MS = 5000;

function statOf(full: string): { mtimeMs: number; size: number } | undefined {
  try {
    const stats = statSync(full);
    return stats.isFile() ? { mtimeMs: stats.mtimeMs, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}

export interface StoreOptions extends LoadOptions {
  /** Where to keep what was read, so a restart re-reads only changed files. */
  snapshotFile?: string;
  /** Show drafts and future-dated articles (next dev: editors preview them). */
  preview: boolean;
  now?: () => number;
}

/** What one update changed: the old and new metadata of every article it touched. */
export interface ChangeSet {
  files: string[];
  before: ArticleMeta[];
  after: ArticleMeta[];
  /** Problems of the changed files after the update. */
  problems: Problem[];
}

/**
 * All articles of a content folder, kept up to date file by file. Only changed files are read
 * again; the index (sorting, term lists) is rebuilt from metadata already in memory, which takes
 * milliseconds even for the whole archive.
 */
export class ContentStore {
  private readonly byFile = new Map<string, ArticleMeta>();
  private readonly problemsByFile = new Map<string, Problem[]>();
  /** Modification time and size of each file when it was read: a snapshot entry is valid while they match. */
  private readonly statsByFile = new Map<string, { mtimeMs: number; size: number }>();
  private snapshotTimer: NodeJS.Timeout | undefined;
  private duplicateProblems: Problem[] = [];
  private current: ContentIndex;
  /** Earliest date of an article hidden because it is dated in the future. */
  nextPublication: number | undefined;
  private readonly listeners = new Set<(change: ChangeSet) => void>();

  constructor(
    readonly dir: string,
    private readonly options: StoreOptions,
  ) {
    this.current = new ContentIndex([], options.languages);
  }

  get index(): ContentIndex {
    return this.current;
  }

  /** Calls back after every update with what changed (search keeps its index current this way). */
  onChange(listener: (change: ChangeSet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: ChangeSet): ChangeSet {
    for (const listener of this.listeners) listener(change);
    return change;
  }

  problems(): Problem[] {
    return [...[...this.problemsByFile.values()].flat(), ...this.duplicateProblems];
  }

  /** Reads every file. Yields to the event loop every few milliseconds so a server stays responsive. */
  async loadAll(): Promise<void> {
    const files = await listMarkdownFiles(this.dir);
    const snapshot = this.options.snapshotFile ? readSnapshot(this.options.snapshotFile, this.dir) : undefined;
    const changed: string[] = [];
    await forEachTimeSliced(files, (file) => {
      const record = snapshot?.get(file);
      const stats = record && statOf(path.join(this.dir, file));
      if (!record || !stats || stats.mtimeMs !== record.mtimeMs || stats.size !== record.size) {
        changed.push(file);
        return;
      }
      if (record.article) this.byFile.set(file, record.article);
      this.problemsByFile.set(file, record.problems);
      this.statsByFile.set(file, stats);
    });
    this.reusedFromSnapshot = files.length - changed.length;
    await this.readFiles(changed);
    this.rebuild();
    if (changed.length > 0 || !snapshot) this.saveSnapshot();
  }

  /** Files whose metadata came from the snapshot at the last full load. */
  reusedFromSnapshot = 0;

  /** Writes the snapshot now; later changes write it again, at most every few seconds. */
  private saveSnapshot(): void {
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    const file = this.options.snapshotFile;
    if (!file) return;
    const records = new Map<string, FileRecord>();
    for (const [name, stats] of this.statsByFile) {
      records.set(name, { ...stats, article: this.byFile.get(name), problems: this.problemsByFile.get(name) ?? [] });
    }
    writeSnapshot(file, this.dir, records);
  }

  private scheduleSnapshot(): void {
    if (!this.options.snapshotFile || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => this.saveSnapshot(), SNAPSHOT_DELAY_MS);
    this.snapshotTimer.unref();
  }

  /** Markdown files read, whether they became articles or not. */
  get fileCount(): number {
    return this.problemsByFile.size;
  }

  /**
   * Re-reads the given paths (relative; files or folders); a file that no longer exists leaves
   * the site. Undefined re-reads the whole folder.
   */
  async update(paths: Iterable<string> | undefined): Promise<ChangeSet> {
    const list = paths === undefined ? [...new Set([...this.problemsByFile.keys(), ...(await listMarkdownFiles(this.dir))])].sort() : await this.expand(paths);
    const before = list.flatMap((file) => this.visibleArticle(file) ?? []);
    await this.readFiles(list);
    this.rebuild();
    this.scheduleSnapshot();
    const after = list.flatMap((file) => this.visibleArticle(file) ?? []);
    return this.emit({ files: list, before, after, problems: list.flatMap((file) => this.problemsByFile.get(file) ?? []) });
  }

  /** Rebuilds the index, for when time alone changes what is visible (a future article's hour came). */
  refresh(): ChangeSet {
    const visibleBefore = new Set(this.current.all());
    this.rebuild();
    const after = this.current.all().filter((article) => !visibleBefore.has(article));
    return this.emit({ files: after.map((a) => a.file), before: [], after, problems: [] });
  }

  /** Folder paths stand for every Markdown file known under them or now in them. */
  private async expand(paths: Iterable<string>): Promise<string[]> {
    const files = new Set<string>();
    for (const entry of paths) {
      if (/\.md$/i.test(entry)) {
        files.add(entry);
        continue;
      }
      const prefix = `${entry.replace(/\/+$/, '')}/`;
      for (const known of this.problemsByFile.keys()) if (known.startsWith(prefix)) files.add(known);
      const full = path.join(this.dir, entry);
      if (existsSync(full) && statSync(full).isDirectory()) {
        for (const file of await listMarkdownFiles(full)) files.add(`${prefix}${file}`);
      }
    }
    return [...files].sort();
  }

  private visibleArticle(file: string): ArticleMeta | undefined {
    const article = this.byFile.get(file);
    return article && this.current.contains(article) ? article : undefined;
  }

  private async readFiles(files: readonly string[]): Promise<void> {
    await forEachTimeSliced(files, (file) => {
      const { article, problems, stats } = loadArticleFile(this.dir, file, this.options);
      // Not read: gone since (it leaves the site), or unreadable (kept with its problem).
      if (!stats && !existsSync(path.join(this.dir, file))) {
        this.byFile.delete(file);
        this.problemsByFile.delete(file);
        this.statsByFile.delete(file);
        return;
      }
      if (stats) this.statsByFile.set(file, stats);
      else this.statsByFile.delete(file);
      if (article) this.byFile.set(file, article);
      else this.byFile.delete(file);
      this.problemsByFile.set(file, problems);
    });
  }

  private rebuild(): void {
    const now = (this.options.now ?? Date.now)();
    const { kept, problems } = resolveDuplicateUrls([...this.byFile.values()]);
    this.duplicateProblems = problems;
    let nextPublication: number | undefined;
    const visible = kept.filter((article) => {
      if (this.options.preview) return true;
      if (article.draft) return false;
      if (article.date > now) {
        nextPublication = Math.min(nextPublication ?? Infinity, article.date);
        return false;
      }
      return true;
    });
    this.nextPublication = nextPublication;
    this.current = new ContentIndex(visible, this.options.languages);
  }
}
