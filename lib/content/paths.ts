/** Where a content file is served: its language and URL segments, from its path alone. */

/** First URL segments the site's own routes own; an article there would be unreachable. */
export const reservedFirstSegments = new Set(['page', 'categories', 'tags', 'search', '404', '410', 'authors', 'corrections']);

export interface PathRoute {
  /** Language named by the folder (`content/en/…`) or the file name (`x.zh-CN.md`), if any. */
  folderLang?: string;
  suffixLang?: string;
  /** URL segments after the language prefix. */
  slug: string[];
}

/**
 * `en/news/benzinga/67ace52d.en.md` → folder "en", slug ["news", "benzinga", "67ace52d"].
 * Language codes match case-insensitively (Hugo lowercased them) and come back as configured.
 */
const lowerCaseMaps = new WeakMap<readonly string[], Map<string, string>>();

export function routeOfPath(relativePath: string, languageCodes: readonly string[]): PathRoute {
  let byLower = lowerCaseMaps.get(languageCodes);
  if (!byLower) {
    byLower = new Map(languageCodes.map((code) => [code.toLowerCase(), code]));
    lowerCaseMaps.set(languageCodes, byLower);
  }
  const segments = relativePath.normalize('NFC').split('/').filter(Boolean);
  let folderLang: string | undefined;
  if (segments.length > 1) {
    folderLang = byLower.get(segments[0]!.toLowerCase());
    if (folderLang) segments.shift();
  }
  let name = segments.pop() ?? '';
  name = name.replace(/\.md$/i, '');
  let suffixLang: string | undefined;
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    suffixLang = byLower.get(name.slice(dot + 1).toLowerCase());
    if (suffixLang) name = name.slice(0, dot);
  }
  // `about/index.md` is served at /about, as a Hugo leaf bundle is.
  if (!(name === 'index' && segments.length > 0)) segments.push(name);
  return { folderLang, suffixLang, slug: segments };
}
