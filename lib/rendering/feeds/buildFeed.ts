import { atomFeed } from './atom';
import { feedData, type FeedSource } from './feedData';
import { type FeedFile, feedFormats } from './formats';
import { jsonFeed } from './jsonFeed';
import { rssFeed } from './rss';

export { FEED_ITEMS, type FeedSource } from './feedData';

const writers = { rss: rssFeed, atom: atomFeed, json: jsonFeed };

/** One feed of the newest articles of a page, in RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export function buildFeed(source: FeedSource, file: FeedFile): string {
  return writers[feedFormats[file].kind](feedData(source));
}
