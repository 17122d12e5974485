/** One item of an upstream source, whatever its format, before it becomes an article. */
export interface FeedItem {
  /** The source's own id for it, when it gives one (numbers come as strings). */
  id?: string;
  title: string;
  /** HTML. */
  description: string;
  image?: string;
  link?: string;
  /** As the source writes it: "2025-02-08 03:17:28" in the site's zone, RFC 2822, ISO 8601, or a Date. */
  published?: string | Date;
  /** As the source writes it: "en", "en-US", "zh-TW", or nothing. */
  language?: string;
  /** The upstream JSON's `kind`: 1 is news, anything else is skipped. */
  kind?: number;
  /** Who published it ("Dow Jones Newswires"): its category, tag and link text; else the folder's name. */
  source?: string;
}

/** What one source holds: its items, and where its articles are filed. */
export interface SourceItems {
  /** The folder under `{lang}/news/`: the source file's folder ("benzinga", "fx168") or --source. */
  folder: string;
  items: FeedItem[];
}
