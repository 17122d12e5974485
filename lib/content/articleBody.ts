import { promises as fs } from 'node:fs';
import path from 'node:path';
import { splitFile } from './frontMatter';
import type { ArticleMeta } from './types';

/**
 * The Markdown body of an indexed article, read when the page is rendered. The path comes from
 * the index, never from the URL.
 */
export async function readArticleBody(contentDir: string, article: ArticleMeta): Promise<string> {
  const text = await fs.readFile(path.join(contentDir, article.file), 'utf8');
  return splitFile(text).body;
}
