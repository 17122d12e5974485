/*
 * Authors described once, in the content folder: one file per author, `content/authors/<id>.md`,
 * whose front matter says who they are (the body is ignored: an editor's notes, if any).
 *
 *   ---
 *   name: Mei Chan
 *   bio:                         # one text, or one per language
 *     en: Covers transport and the harbour.
 *     zh-CN: 报道交通与港口。
 *   photo: /images/authors/mei-chan.jpg
 *   links:                       # addresses, or {name, url} pairs
 *     - https://example.org/@mei
 *     - { name: Mastodon, url: "https://example.social/@mei" }
 *   ---
 *
 * The folder sits beside the language folders, not in one: `authors` is a first URL segment the
 * site keeps for itself (paths.ts), so no article could be served from there anyway, and a file
 * here is never read as an article. Every writer reads it through parseFile like any other file
 * (the first read, the watcher, `npm run sync`), so both engines keep it and export writes it back.
 */
import { authorId } from './authors';
import { FrontMatterSyntaxError, lineOfKey, safeImageSource, splitFile } from './frontMatter';
import { type Problem, ProblemList, shownValue } from './problems';

/** The folder of author descriptions, at the top of the content folder. */
export const AUTHORS_FOLDER = 'authors';

/** A link of an author's elsewhere: an http(s) address, with a name to show when one was given. */
export interface AuthorLink {
  url: string;
  name?: string;
}

/** An author as their file describes them, with every language's bio. */
export interface AuthorDescription {
  /** The file's name without `.md`, urlized as bylines are (authors.ts, authorId). */
  id: string;
  name: string;
  /** One text for every language, or one per language code. */
  bio?: string | Record<string, string>;
  /** A site path or http(s) address. */
  photo?: string;
  links: AuthorLink[];
  /** Path relative to the content folder. */
  file: string;
}

/** Whether a file (relative to the content folder) is an author's description: `authors/<id>.md`. */
export function isAuthorFile(file: string): boolean {
  const segments = file.split('/');
  return segments.length === 2 && segments[0] === AUTHORS_FOLDER && /\.md$/i.test(segments[1]!) && segments[1]!.length > 3;
}

const MAX_TEXT = 2_000;
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();

function readBio(value: unknown, languages: readonly string[], problems: ProblemList, line: number | undefined): AuthorDescription['bio'] {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return clean(String(value)).slice(0, MAX_TEXT) || undefined;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const bios: Record<string, string> = {};
    for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
      const lang = languages.find((code) => code.toLowerCase() === key.toLowerCase());
      if (!lang) {
        problems.warn(`bio.${key}`, `"${key}" is not a language of this site (${languages.join(', ')}); ignored`, line);
        continue;
      }
      if (typeof text !== 'string' && typeof text !== 'number') {
        problems.warn(`bio.${key}`, `expected a text, found ${shownValue(text)}; ignored`, line);
        continue;
      }
      const bio = clean(String(text)).slice(0, MAX_TEXT);
      if (bio) bios[lang] = bio;
    }
    return Object.keys(bios).length > 0 ? bios : undefined;
  }
  problems.warn('bio', `expected a text, or one per language (en: …, zh-CN: …), found ${shownValue(value)}; ignored`, line);
  return undefined;
}

function readLinks(value: unknown, problems: ProblemList, line: number | undefined): AuthorLink[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const links: AuthorLink[] = [];
  items.forEach((item: unknown, index) => {
    const field = `links[${index + 1}]`;
    let url: unknown = item;
    let name: unknown;
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      url = (item as Record<string, unknown>).url;
      name = (item as Record<string, unknown>).name;
    }
    // An address the URL parser refuses ("https://[x") would fail the page that shows it: refused here.
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(url.trim()) || !URL.canParse(url.trim())) {
      problems.warn(field, `expected an http(s) address or {name, url}, found ${shownValue(item)}; ignored`, line);
      return;
    }
    const shown = typeof name === 'string' || typeof name === 'number' ? clean(String(name)).slice(0, 80) : '';
    links.push(shown ? { url: url.trim(), name: shown } : { url: url.trim() });
  });
  return links;
}

/**
 * An author file's description and problems, each naming the file and field. Undefined when the
 * file cannot be read as one (no front matter, no name): its problems say why.
 */
export function readAuthorText(file: string, text: string, languages: readonly string[]): { author?: AuthorDescription; problems: Problem[] } {
  const problems = new ProblemList(file);
  const stem = file.slice(file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  const id = authorId(stem);
  let split;
  try {
    split = splitFile(text);
  } catch (error) {
    if (!(error instanceof FrontMatterSyntaxError)) throw error;
    problems.error('front matter', `${error.message}; the author is shown by the name articles give until this is fixed`, error.line);
    return { problems: problems.items };
  }
  const data = split.data;
  if (!data) {
    problems.error('front matter', 'an author file needs front matter with at least a name ("---\\nname: Jane Doe\\n---")');
    return { problems: problems.items };
  }
  const line = (key: string) => lineOfKey(split.frontMatterLines, key);
  if (!id) {
    problems.error('path', 'the file name gives no id; name the file after the author (authors/jane-doe.md)');
    return { problems: problems.items };
  }
  if (id !== stem) problems.warn('path', `the file name is read as the id "${id}" (bylines and /{lang}/authors/${id} use it); name the file ${id}.md`);
  const rawName = data.name ?? data.title;
  const name = typeof rawName === 'string' || typeof rawName === 'number' ? clean(String(rawName)).slice(0, 200) : '';
  if (!name) {
    problems.error('name', rawName === undefined ? 'missing; the author is shown by the name articles give' : `expected a name, found ${shownValue(rawName)}; the author is shown by the name articles give`, line('name'));
    return { problems: problems.items };
  }
  let photo: string | undefined;
  if (data.photo !== undefined && data.photo !== null && data.photo !== '') {
    photo = typeof data.photo === 'string' ? safeImageSource(data.photo) : undefined;
    if (photo && !URL.canParse(photo, 'https://example.org')) photo = undefined;
    if (!photo) problems.warn('photo', `expected a site path (/images/…) or an http(s) address, found ${shownValue(data.photo)}; no photo shown`, line('photo'));
  }
  const known = new Set(['name', 'title', 'bio', 'photo', 'links']);
  const unknown = Object.keys(data).filter((key) => !known.has(key));
  if (unknown.length > 0) problems.warn(unknown[0]!, `not a field of an author file (name, bio, photo, links); ${unknown.join(', ')} ignored`, line(unknown[0]!));
  const author: AuthorDescription = {
    id,
    name,
    bio: readBio(data.bio, languages, problems, line('bio')),
    photo,
    links: readLinks(data.links, problems, line('links')),
    file,
  };
  return { author, problems: problems.items };
}

/** An author's bio in a language: that language's, else the default language's, else the first written. */
export function bioIn(author: Pick<AuthorDescription, 'bio'>, lang: string, defaultLanguage: string): string | undefined {
  const bio = author.bio;
  if (bio === undefined || typeof bio === 'string') return bio;
  return bio[lang] ?? bio[defaultLanguage] ?? Object.values(bio)[0];
}
