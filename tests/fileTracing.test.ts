import { describe, expect, it } from 'vitest';
import { tracedFiles, untracedFiles } from '@/lib/store/fileTracing';

/*
 * What next.config.ts tells the file tracer (Vercel's functions, output: 'standalone'): the content
 * folder ships with the SQLite catalog, which reads articles from it at run time, and never with a
 * PostgreSQL store, which holds their text itself. tests/vercelBuild.test.ts checks the result on
 * a real `vercel build`.
 */
describe('the files a traced deployment ships', () => {
  const shipsContent = (includes: Record<string, string[]>) => Object.values(includes).some((globs) => globs.some((glob) => glob.startsWith('./content')));

  it('ships the content folder to every route without DATABASE_URL, or with one that is not PostgreSQL', () => {
    for (const url of [undefined, '', 'file:./catalog.sqlite', 'mysql://db/site']) {
      expect(tracedFiles(url)['/**']).toEqual(['./content/**/*']);
      expect(untracedFiles(url)).toEqual({});
    }
  });

  it('ships no part of the content folder, and keeps it out, with a PostgreSQL DATABASE_URL', () => {
    for (const url of ['postgres://user@db.example/site', 'postgresql://user@db.example/site', ' POSTGRES://db/site']) {
      expect(shipsContent(tracedFiles(url))).toBe(false);
      expect(untracedFiles(url)['/**']).toEqual(['./content/**/*']);
    }
  });

  it('ships the fonts social images read at run time in both cases', () => {
    for (const url of [undefined, 'postgres://db/site']) expect(tracedFiles(url)['/og/**']?.some((glob) => glob.endsWith('-700-normal.woff'))).toBe(true);
  });
});
