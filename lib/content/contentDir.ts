import path from 'node:path';

/** The content folder: `CONTENT_DIR` (relative to the working directory, or absolute), else ./content. */
export function contentDir(): string {
  // turbopackIgnore: the folder is chosen at run time; it is not part of the server bundle.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.CONTENT_DIR || 'content');
}
