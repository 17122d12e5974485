import { cache } from 'react';
import { isLanguage, languages, siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content';
import { type AuthorDescription, type AuthorLink, bioIn } from '@/lib/content/authorFile';
import { authorId } from '@/lib/content/authors';
import { getStore } from '@/lib/store';
import { paginate, type Paged } from '@/lib/rendering/pagination';
import { authorUrl, authorsUrl, decodeParam, parsePageNumber } from '@/lib/routing/urls';

/**
 * Bylines and author pages (issue 29): an article's authors as readers see them, described
 * (content/authors/<id>.md, read from the store) or only named, in a language.
 */

/** An author as a byline, an author box or an author page shows them, in one language. */
export interface AuthorView {
  id: string;
  name: string;
  /** The author's page on this site, in the language shown. */
  url: string;
  /** Whether content/authors/<id>.md describes them; otherwise only the name as written is known. */
  described: boolean;
  bio?: string;
  photo?: string;
  links: AuthorLink[];
}

export function authorView(lang: string, id: string, name: string, description?: AuthorDescription): AuthorView {
  if (!description) return { id, name, url: authorUrl(lang, id), described: false, links: [] };
  return {
    id,
    name: description.name,
    url: authorUrl(lang, id),
    described: true,
    bio: bioIn(description, lang, siteConfig.defaultLanguage),
    photo: description.photo,
    links: description.links,
  };
}

/**
 * Descriptions of these ids (joined by NUL), asked of the store once per request: an article page
 * shows its authors three times (byline, author box, JSON-LD).
 */
const describedAuthors = cache((ids: string) => getStore().authorDescriptions(ids.split('\u0000')));

/** An article's authors in the order written, each described where a file describes them. */
export async function bylinesOf(article: Pick<ArticleMeta, 'lang' | 'authors'>): Promise<AuthorView[]> {
  const written = article.authors ?? [];
  if (written.length === 0) return [];
  const ids = written.map(authorId);
  const described = new Map((await describedAuthors(ids.join('\u0000'))).map((description) => [description.id, description]));
  const seen = new Set<string>();
  return written.flatMap((name, i) => {
    const id = ids[i] as string;
    if (!id || seen.has(id)) return [];
    seen.add(id);
    return [authorView(article.lang, id, name, described.get(id))];
  });
}

export interface AuthorPageData {
  author: AuthorView;
  /** Published articles by the author in this language. */
  count: number;
  paged: Paged<ArticleMeta>;
}

/** An author named by an article of this language or described in the content folder; undefined otherwise (404). */
export async function loadAuthor(lang: string, idParam: string): Promise<{ author: AuthorView; count: number } | undefined> {
  const decoded = decodeParam(idParam);
  if (!isLanguage(lang) || decoded === undefined) return undefined;
  const id = decoded.normalize('NFC');
  const store = getStore();
  const [listed, [description]] = await Promise.all([store.newsroomList(lang, 'authors', id), store.authorDescriptions([id])]);
  if (!listed && !description) return undefined;
  return { author: authorView(lang, id, listed?.name ?? id, description), count: listed?.count ?? 0 };
}

export async function loadAuthorPage(lang: string, idParam: string, pageParam?: string): Promise<AuthorPageData | undefined> {
  const page = pageParam === undefined ? 1 : parsePageNumber(pageParam);
  const found = await loadAuthor(lang, idParam);
  if (!found || page === undefined) return undefined;
  const store = getStore();
  const paged = await paginate(found.count, page, siteConfig.pageSize, (offset, limit) =>
    store.newsroomArticles(lang, 'authors', found.author.id, offset, limit),
  );
  return paged && { ...found, paged };
}

/** A language's authors with articles, by name, each as described where a file describes them. */
export async function loadAuthors(lang: string): Promise<{ author: AuthorView; count: number }[] | undefined> {
  if (!isLanguage(lang)) return undefined;
  const store = getStore();
  const entries = await store.authorsIn(lang);
  const described = new Map((await store.authorDescriptions(entries.map((entry) => entry.id))).map((description) => [description.id, description]));
  return entries.map((entry) => ({ author: authorView(lang, entry.id, entry.name, described.get(entry.id)), count: entry.count }));
}

/** The same author's page in the other languages where it exists (hreflang); the list of authors exists in every language. */
export async function authorAlternates(lang: string, id?: string): Promise<Record<string, string>> {
  const alternates: Record<string, string> = {};
  for (const { code } of languages) {
    if (code === lang) continue;
    if (id === undefined) alternates[code] = authorsUrl(code);
    else if (await loadAuthor(code, encodeURIComponent(id))) alternates[code] = authorUrl(code, id);
  }
  return alternates;
}
