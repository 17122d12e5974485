/**
 * The front-matter fields of a corpus article, in the order the original script wrote them
 * (../shared/corpus): what the importer and `npm run new` must write, written out here rather
 * than taken from the code under test.
 */
export const CORPUS_FIELDS = [
  'title',
  'date',
  'summary',
  'categories',
  'lang',
  'translations',
  'tags',
  'menu',
  'thumbnail',
  'lead',
  'comments',
  'authorbox',
  'pager',
  'toc',
  'mathjax',
  'sidebar',
  'widgets',
] as const;
