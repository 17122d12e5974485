/** Every string the interface shows. A language is one file of these and one config entry. */
export interface Dictionary {
  /** Locale for Intl (number formatting, sorting). */
  locale: string;
  skipToContent: string;
  menu: string;
  home: string;
  categories: string;
  tags: string;
  category: string;
  tag: string;
  published: string;
  lastModified: string;
  readMore: string;
  previousPage: string;
  nextPage: string;
  pageTitle: string;
  /** "Page {page} of {total}" for screen readers; the visible form is "N/M". */
  pageOf: string;
  newerArticle: string;
  /** Heading of the related articles under an article. */
  relatedArticles: string;
  olderArticle: string;
  search: string;
  searchPlaceholder: string;
  searchResultsFor: string;
  searchNoResults: string;
  searchEmpty: string;
  /** Search is at its bound: try again shortly. */
  searchBusy: string;
  /** "{count} articles" above search results. */
  searchResultCount: string;
  searchSort: string;
  searchByRelevance: string;
  searchByDate: string;
  searchAllLanguages: string;
  /** Accessible name of the suggestion list under a search box. */
  searchSuggestions: string;
  recent: string;
  languages: string;
  noArticles: string;
  articlesInTerm: string;
  notFoundTitle: string;
  notFoundText: string;
  /** The 410 page: an article taken down. */
  goneTitle: string;
  goneText: string;
  backHome: string;
  poweredBy: string;
  sidebar: string;
  tableOfContents: string;
  footerMenu: string;
  comments: string;
  toggleTheme: string;
  social: string;
  sideMenu: string;
  allTags: string;
  aboutTheAuthor: string;
  /** Before the links to an article's other languages. */
  alsoIn: string;
}
