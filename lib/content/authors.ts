import { termSlug } from './terms';

/**
 * Bylines (front matter `author:`, one or a list): each author named by id (`jane-doe`) or by
 * name (`Jane Doe`). Both give the same id, Hugo's urlize of what is written, which is the name of
 * the author's description file (content/.authors/jane-doe.md) and of the author's page
 * (/{lang}/authors/jane-doe).
 */
export function authorId(written: string): string {
  return termSlug(written);
}

/** An author as a byline shows one: described (a profile) or only named in an article. */
export interface AuthorProfile {
  id: string;
  name: string;
  bio?: string;
  /** A site path or http(s) address. */
  photo?: string;
  /** The author's own pages elsewhere (http(s) addresses). */
  links: string[];
}

/** What a byline shows of an author nobody described: the name as written. */
export function undescribedAuthor(written: string): AuthorProfile {
  return { id: authorId(written), name: written, links: [] };
}
