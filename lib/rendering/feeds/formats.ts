/** The feed files of a language home and of each term, by Hugo's name for RSS and beside it. */
export const feedFormats = {
  'index.xml': { kind: 'rss', contentType: 'application/rss+xml; charset=utf-8' },
  'atom.xml': { kind: 'atom', contentType: 'application/atom+xml; charset=utf-8' },
  'feed.json': { kind: 'json', contentType: 'application/feed+json; charset=utf-8' },
} as const;

export type FeedFile = keyof typeof feedFormats;

export function isFeedFile(name: string | undefined): name is FeedFile {
  return name !== undefined && Object.hasOwn(feedFormats, name);
}
