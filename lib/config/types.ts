/** The shape of site.config.ts: Broadsheet's counterpart of Hugo's config file. */

export type SidebarPosition = 'left' | 'right' | false;
export type PageType = 'home' | 'list' | 'single';

/** Text that may differ per language; a plain string is used for every language. */
export type LocalizedText = string | Record<string, string>;

export interface LanguageConfig {
  /** BCP 47 code, used as the URL prefix and in `<html lang>`: "en", "zh-CN". */
  code: string;
  /** The name a reader of that language recognises: "English", "中文简体". */
  name: string;
  /** Position in language lists; lower first. */
  order: number;
}

export interface MenuItem {
  label: LocalizedText;
  /** A path inside the reader's language ("/categories") or an absolute URL. */
  href: string;
}

export interface AuthorConfig {
  name: string;
  bio?: LocalizedText;
  /** Site path or absolute URL of the avatar image. */
  avatar?: string;
}

export interface SocialLink {
  /** Shown as the link text: "GitHub", "RSS", "微博". */
  name: string;
  url: string;
}

export interface WidgetSettings {
  categories: { counts: boolean };
  /** Mainroad shows every tag; a large archive needs a cut: the `limit` most used, then a link to all. */
  taglist: { counts: boolean; limit: number };
}

export type PostMetaItem = 'author' | 'date' | 'categories' | 'translations';

/** A comment thread under articles with `comments: true`. Giscus keeps threads in GitHub Discussions. */
export interface GiscusConfig {
  provider: 'giscus';
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  /** How a page finds its discussion; Giscus's default is the page path. */
  mapping?: 'pathname' | 'url' | 'title' | 'og:title';
}

export interface SiteConfig {
  title: string;
  subtitle?: LocalizedText;
  description: LocalizedText;
  /** Absolute URL the site is served at, without a trailing slash. */
  baseUrl: string;
  languages: LanguageConfig[];
  defaultLanguage: string;
  /** IANA zone used for dates written without one, and for showing dates. */
  timeZone: string;
  /** Articles per list page. */
  pageSize: number;
  /** Tokens: YYYY MM DD HH mm ss; anything else is printed as written. One per language, or one for all. */
  dateFormat: LocalizedText;
  /** Which items the post meta line shows, in order (Mainroad's post_meta). */
  postMeta: PostMetaItem[];
  /** A "Read more" link under each list entry. */
  readMore: boolean;
  /** Site default for where thumbnails show; an article's `thumbnail.visibility` wins. */
  thumbnailVisibility: { list: boolean; post: boolean };
  /** Comment threads; omitted, articles show none whatever their `comments` says. */
  comments?: GiscusConfig;
  /** Sidebar side per page type; false removes it. An article's `sidebar` field wins. */
  sidebar: Record<PageType, SidebarPosition>;
  /** Default sidebar widgets, in order. An article's `widgets` field replaces this list. */
  widgets: string[];
  /** How many articles the recent widget lists. */
  recentCount: number;
  widgetSettings: WidgetSettings;
  /** Links for the social widget. */
  social: SocialLink[];
  /** Accent colour (Mainroad's #e22d30). */
  highlightColor: string;
  author?: AuthorConfig;
  menus: { main: MenuItem[]; side: MenuItem[]; footer: MenuItem[] };
  /**
   * What `next build` renders ahead of time: the homes, indexes and 404 pages (`lists`), the
   * newest articles and the biggest terms. Everything else renders on its first request and is
   * then cached. With all of it off, the build never reads the content folder, so its time does
   * not depend on the archive's size at all.
   */
  prerender: { lists: boolean; articlesPerLanguage: number; termsPerTaxonomy: number };
  /**
   * Seconds until the other pages of a language show a content change in their sidebars (recent
   * articles, terms and counts). The pages a change touches (the article, its neighbours, the
   * language's lists, its terms) refresh at once; the rest of the cache stays as it is until
   * then, so a new article every half-minute never empties it. 0: every page refreshes with
   * every change. Default 300.
   */
  sidebarRefresh: number;
  /**
   * Seconds a shared cache (a CDN, the nginx in front) may serve a page before asking again:
   * lists (homes, list and term pages, which change with every new article) and other pages;
   * then how long it may keep serving one stale while it asks. Defaults 2, 60 and 86400.
   */
  sharedCache: { lists: number; pages: number; staleWhileRevalidate: number };
  /**
   * `npm run import`: upstream language codes and the site's language they are filed under
   * ("en-US" → "en", "zh-TW" → "zh-HK"), besides the site's own codes. Items with no language or
   * another one are skipped and counted.
   */
  importLanguages: Record<string, string>;
  /**
   * Typographic punctuation (Hugo's typographer): “quotes”, apostrophes’, -- as –, --- as —,
   * ... as …, in bodies, titles, summaries and leads; never in code, math, addresses or raw HTML.
   * Default true.
   */
  typographer: boolean;
  /**
   * How many related articles an article lists under it (same language, most terms of title and
   * summary in common, newer first among equals). 0: none. Default 5.
   */
  relatedArticles: number;
}

type Defaulted = 'sidebarRefresh' | 'sharedCache' | 'importLanguages' | 'typographer' | 'relatedArticles';

/** What site.config.ts writes: the keys with defaults may be left out. */
export type SiteConfigInput = Omit<SiteConfig, Defaulted> & Partial<Pick<SiteConfig, Defaulted>>;

/** Identity helper that gives site.config.ts its type checking and editor completion. */
export function defineSiteConfig(config: SiteConfigInput): SiteConfigInput {
  return config;
}
