import { element, lines, xmlDocument } from '@/lib/xml/element';
import type { FeedData } from './feedData';

/**
 * Atom 1.0 (RFC 4287). Titles and summaries are text constructs of type "text", the default: a
 * reader shows them exactly as written, markup characters included.
 */
export function atomFeed(feed: FeedData): string {
  const entries = feed.items.map((item) =>
    element(
      'entry',
      null,
      element('title', null, item.title),
      element('id', null, item.link),
      element('link', { rel: 'alternate', href: item.link }),
      item.image && element('link', { rel: 'enclosure', href: item.image.url, type: item.image.type }),
      element('published', null, item.published.toISOString()),
      element('updated', null, item.updated.toISOString()),
      element('summary', null, item.text),
      ...item.categories.map((name) => element('category', { term: name })),
      ...item.authors.map((author) => element('author', null, element('name', null, author.name), element('uri', null, author.url))),
    ),
  );
  return xmlDocument(
    element(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.lang },
      lines([
        '',
        element('id', null, feed.link),
        element('title', null, feed.title),
        element('subtitle', null, feed.description),
        element('updated', null, feed.updated.toISOString()),
        element('link', { rel: 'alternate', href: feed.link }),
        element('link', { rel: 'self', href: feed.self['atom.xml'], type: 'application/atom+xml' }),
        // RFC 4287 asks for an author of the feed when its entries name none.
        element('author', null, element('name', null, feed.copyright)),
        element('rights', null, feed.copyright),
        element('generator', null, feed.generator),
        ...entries,
        '',
      ]),
    ),
  );
}
