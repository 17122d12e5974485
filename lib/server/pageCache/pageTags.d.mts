/** Types of pageTags.mjs (plain JavaScript: the cache handler that uses it runs unbundled). */
export declare const allPagesTag: string;
export declare function languageTag(lang: string): string;
export declare function listTag(lang: string): string;
export declare function termTag(lang: string, taxonomy: string, slug: string): string;
export declare function taxonomyTag(lang: string, taxonomy: string): string;
export declare function pathTag(path: string): string;
export declare function pageTags(pathname: string): string[];
export declare function pathOfCacheKey(key: string): string | undefined;
