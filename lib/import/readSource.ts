import Parser from 'rss-parser';
import type { FeedItem } from './feedItem';

/*
 * Items of one source text, whatever it is: the aggregator's upstream JSON ({"data": [...]}),
 * a JSON Feed, or an RSS 2.0 or Atom feed (read by rss-parser). Item fields of the wrong type are
 * read as missing; the importer decides what an item without them becomes.
 */

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

interface UpstreamJson {
  data: unknown[];
}
interface JsonFeed {
  version: string;
  language?: unknown;
  items: unknown[];
}

function isUpstream(value: unknown): value is UpstreamJson {
  return typeof value === 'object' && value !== null && Array.isArray((value as UpstreamJson).data);
}
function isJsonFeed(value: unknown): value is JsonFeed {
  return typeof value === 'object' && value !== null && /jsonfeed\.org/.test(String((value as JsonFeed).version)) && Array.isArray((value as JsonFeed).items);
}

function fromUpstream(raw: unknown): FeedItem {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    id: text(item.id),
    title: text(item.title) ?? '',
    description: text(item.description) ?? '',
    image: text(item.image),
    link: text(item.link),
    published: text(item.pub_date),
    source: text(item.source),
    kind: item.kind === undefined || item.kind === null ? undefined : Number(item.kind),
    language: text(item.language),
  };
}

function fromJsonFeed(raw: unknown, language: string | undefined): FeedItem {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const plain = text(item.content_text);
  return {
    id: text(item.id) ?? text(item.url),
    title: text(item.title) ?? '',
    description:
      text(item.content_html) ?? (plain ? plain.replace(/[&<>]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt' }[c]};`) : (text(item.summary) ?? '')),
    image: text(item.image) ?? text(item.banner_image),
    link: text(item.url) ?? text(item.external_url),
    published: text(item.date_published),
    language: text(item.language) ?? language,
  };
}

const parser = new Parser<{ language?: string }, { 'content:encoded'?: string; language?: string }>({
  customFields: { feed: ['language'], item: ['content:encoded', 'language'] },
});

async function fromXml(source: string): Promise<FeedItem[]> {
  const feed = await parser.parseString(source);
  const language = typeof feed.language === 'string' ? feed.language : undefined;
  return feed.items.map((item) => {
    const enclosure = item.enclosure?.url && (!item.enclosure.type || item.enclosure.type.startsWith('image/')) ? item.enclosure.url : undefined;
    return {
      id: item.guid ?? (item as { id?: string }).id ?? item.link,
      title: item.title ?? '',
      description: item['content:encoded'] ?? item.content ?? item.summary ?? '',
      image: enclosure,
      link: item.link,
      // As the feed writes it: a date without a zone is then read in the site's zone, not this machine's.
      published: item.pubDate ?? item.isoDate,
      language: item.language ?? language,
    };
  });
}

/** The items of a source's text; throws when it is neither JSON of a known shape nor a feed. */
export async function readSource(source: string): Promise<FeedItem[]> {
  const trimmed = source.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`not valid JSON: ${(error as Error).message}`);
    }
    if (isJsonFeed(json)) return json.items.map((item) => fromJsonFeed(item, text(json.language)));
    if (isUpstream(json)) return json.data.map(fromUpstream);
    throw new Error('JSON with neither a "data" list (upstream) nor a JSON Feed "items" list');
  }
  if (trimmed.startsWith('<')) {
    try {
      return await fromXml(trimmed);
    } catch (error) {
      throw new Error(`not an RSS or Atom feed: ${(error as Error).message}`);
    }
  }
  throw new Error('neither JSON nor XML');
}
