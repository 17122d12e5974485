/*
 * The content model: what an article file says once read (lib/content/readArticle.ts), its terms
 * and its problems. The catalog (lib/catalog) stores it; pages and components receive it.
 */
export type { ArticleMeta, FrontMatter, Thumbnail } from './types';
export { type Taxonomy, taxonomies, isTaxonomy, termSlug } from './terms';
