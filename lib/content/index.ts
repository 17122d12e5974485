import { languages, siteConfig } from '@/lib/config';
import { contentDir } from './contentDir';
import { ContentIndex } from './contentIndex';
import { loadArticles, type LoadResult } from './loadArticles';
import { logProblems } from './problems';

export { ContentIndex, type Term } from './contentIndex';
export type { ArticleMeta, FrontMatter, Thumbnail } from './types';
export { type Taxonomy, taxonomies, isTaxonomy, termSlug } from './terms';

export interface LoadedContent {
  index: ContentIndex;
  load: LoadResult;
  dir: string;
}

/** Drafts are never public in production; `next dev` shows them so editors can preview. */
function isVisible(draft: boolean): boolean {
  return !draft || process.env.NODE_ENV === 'development';
}

async function buildContent(): Promise<LoadedContent> {
  const dir = contentDir();
  const started = performance.now();
  const load = await loadArticles(dir, {
    languages: languages.map((language) => language.code),
    defaultLanguage: siteConfig.defaultLanguage,
    timeZone: siteConfig.timeZone,
  });
  const index = new ContentIndex(
    load.articles.filter((article) => isVisible(article.draft)),
    languages.map((language) => language.code),
  );
  logProblems(load.problems);
  const ms = Math.round(performance.now() - started);
  console.info(`[content] ${index.size} articles from ${load.fileCount} files in ${dir} (${ms} ms)`);
  return { index, load, dir };
}

// Route bundles may each carry a copy of this module; the process shares one index through globalThis.
const slot = Symbol.for('broadsheet.content');
type Slot = { [slot]?: Promise<LoadedContent> };

/** The content index, loaded once per server process on first use. */
export function getContent(): Promise<LoadedContent> {
  const holder = globalThis as Slot;
  holder[slot] ??= buildContent().catch((error: unknown) => {
    // A failed load (content folder missing) is retried on the next request rather than cached.
    delete holder[slot];
    throw error;
  });
  return holder[slot];
}

export async function getIndex(): Promise<ContentIndex> {
  return (await getContent()).index;
}
