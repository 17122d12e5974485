/** Types of storeOutage.mjs (plain JavaScript: the page cache loads it unbundled). */
export declare function markStoreOutage(down: boolean): void;
export declare function storeOutageSince(): number | undefined;
