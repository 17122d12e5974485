/** Types of pageTags.mjs (plain JavaScript: the cache handler that uses it runs unbundled). */
export declare const allPagesTag: string;
export declare const takedownTag: string;
export declare function languageTag(lang: string): string;
export declare const SIDEBAR_GROUPS: number;
export declare function sidebarTag(lang: string, group: number): string;
export declare function sidebarGroup(path: string): number;
export declare function listTag(lang: string): string;
export declare function termTag(lang: string, taxonomy: string, slug: string): string;
export declare function taxonomyTag(lang: string, taxonomy: string): string;
export declare function sitemapTag(lang: string): string;
export declare const sitemapIndexTag: string;
export declare function pathTag(path: string): string;
export declare function pageTags(pathname: string): string[];
export declare function pathOfCacheKey(key: string): string | undefined;
export declare function pagePath(pathname: string): string;
