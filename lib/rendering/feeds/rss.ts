import { element, lines, xmlDocument } from '@/lib/xml/element';
import type { FeedData } from './feedData';

/** RSS 2.0's description is HTML: plain text has its markup characters escaped so it reads as written. */
const textAsHtml = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** RSS 2.0 (https://www.rssboard.org/rss-specification), with an atom:link to itself. */
export function rssFeed(feed: FeedData): string {
  const items = feed.items.map((item) =>
    element(
      'item',
      null,
      element('title', null, item.title),
      element('link', null, item.link),
      element('guid', { isPermaLink: 'false' }, item.link),
      element('pubDate', null, item.published.toUTCString()),
      element('description', null, textAsHtml(item.text)),
      ...item.categories.map((name) => element('category', null, name)),
      // Bylines: RSS's own <author> wants an e-mail address; Dublin Core's creator takes a name.
      ...item.authors.map((author) => element('dc:creator', null, author.name)),
      item.image && element('enclosure', { url: item.image.url, length: 0, type: item.image.type }),
    ),
  );
  const channel = element(
    'channel',
    null,
    lines([
      '',
      element('title', null, feed.title),
      element('link', null, feed.link),
      element('description', null, feed.description),
      element('language', null, feed.lang),
      element('lastBuildDate', null, feed.updated.toUTCString()),
      element('docs', null, 'https://www.rssboard.org/rss-specification'),
      element('generator', null, feed.generator),
      element('copyright', null, feed.copyright),
      element('atom:link', { href: feed.self['index.xml'], rel: 'self', type: 'application/rss+xml' }),
      ...items,
      '',
    ]),
  );
  return xmlDocument(element('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, channel));
}
