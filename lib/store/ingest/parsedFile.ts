import { indexText, languageToken } from '@/lib/search/ftsText';
import { markdownText } from '@/lib/content/excerpt';
import { type FileText, type LoadOptions, type ReadArticle, readArticleFile } from '@/lib/content/readArticle';
import type { ArticleMeta } from '@/lib/content/types';
import { type AuthorDescription, isAuthorFile, readAuthorText } from '@/lib/content/authorFile';
import { ProblemList } from '@/lib/content/problems';
import { readFileText } from '@/lib/content/readArticle';

/** One file read and made ready for the catalog: its metadata, problems, and search text. */
export interface ParsedFile extends Omit<ReadArticle, 'body'> {
  /** Search tokens (lib/search/ftsText.ts) of the title, of everything, and of the language. */
  search?: { title: string; body: string; lang: string };
  /** An author's description (`authors/<id>.md`, lib/content/authorFile.ts): such a file is never an article. */
  author?: AuthorDescription;
}

/**
 * Reads and parses one file, and works out its search tokens (unless `search` is false: a check
 * builds no index and keeps no sources): everything about a file that needs no database, so that
 * it can run on other threads while the writer writes. `text`: the file's, when another thread
 * has read it already.
 */
export function parseFile(dir: string, file: string, options: LoadOptions, search = true, text?: FileText): ParsedFile {
  if (isAuthorFile(file)) return parseAuthorFile(dir, file, options, text);
  const { body, source, ...read } = readArticleFile(dir, file, options, text);
  const meta = read.article;
  if (!meta || !search) return read;
  return { ...read, source, search: searchTokens(meta, body ?? '') };
}

/** An article's search tokens: of its title, of everything, and of its language. */
export function searchTokens(meta: ArticleMeta, body: string): NonNullable<ParsedFile['search']> {
  return {
    title: indexText(meta.title),
    body: indexText(meta.summary, meta.description, meta.lead, meta.categories.join(' '), meta.tags.join(' '), markdownText(body)),
    lang: languageToken(meta.lang),
  };
}

/** An author file: its description, or the problems that kept it from being one. Never throws. */
function parseAuthorFile(dir: string, file: string, options: LoadOptions, text?: FileText): ParsedFile {
  let read: FileText;
  try {
    read = text ?? readFileText(dir, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problems: [] };
    const problems = new ProblemList(file);
    problems.error('file', `could not be read: ${(error as Error).message}`);
    return { problems: problems.items };
  }
  const { author, problems } = readAuthorText(file, read.text, options.languages);
  return { problems, stats: read.stats, author };
}
