import { withoutLoneSurrogates } from '@/lib/xml/chars';
import type { FeedData } from './feedData';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/); the summary is content_text, plain text as written. */
export function jsonFeed(feed: FeedData): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.link,
    feed_url: feed.self['feed.json'],
    description: feed.description,
    language: feed.lang,
    items: feed.items.map((item) => ({
      id: item.link,
      url: item.link,
      title: item.title,
      content_text: item.text,
      image: item.image?.url,
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      tags: item.categories,
      authors: item.authors.length > 0 ? item.authors : undefined,
    })),
  };
  // Every string of the document passes through withoutLoneSurrogates, whichever field it is in.
  return JSON.stringify(document, (_key, value: unknown) => (typeof value === 'string' ? withoutLoneSurrogates(value) : value), 2);
}
