import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ContentIndex } from './contentIndex';
import { listMarkdownFiles, loadArticleFile, resolveDuplicateUrls, type LoadOptions } from './loadArticles';
import type { Problem } from './problems';
import type { ArticleMeta } from './types';

export interface StoreOptions extends LoadOptions {
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

const CHUNK = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * All articles of a content folder, kept up to date file by file. Only changed files are read
 * again; the index (sorting, term lists) is rebuilt from metadata already in memory, which takes
 * milliseconds even for the whole archive.
 */
export class ContentStore {
  private readonly byFile = new Map<string, ArticleMeta>();
  private readonly problemsByFile = new Map<string, Problem[]>();
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

  /** Reads every file. Yields to the event loop between chunks so a server stays responsive. */
  async loadAll(): Promise<void> {
    const files = await listMarkdownFiles(this.dir);
    await this.readFiles(files);
    this.rebuild();
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
    return article && this.current.article(article.lang, article.slug) === article ? article : undefined;
  }

  private async readFiles(files: readonly string[]): Promise<void> {
    for (let start = 0; start < files.length; start += CHUNK) {
      if (start > 0) await yieldToEventLoop();
      for (const file of files.slice(start, start + CHUNK)) {
        if (!existsSync(path.join(this.dir, file))) {
          this.byFile.delete(file);
          this.problemsByFile.delete(file);
          continue;
        }
        const { article, problems } = loadArticleFile(this.dir, file, this.options);
        if (article) this.byFile.set(file, article);
        else this.byFile.delete(file);
        this.problemsByFile.set(file, problems);
      }
    }
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
