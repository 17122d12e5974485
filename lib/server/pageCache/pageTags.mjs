// @ts-check
/*
 * The tags a cached page carries besides Next.js's own, read from its path. A content change
 * names the pages it touched by these tags: this page, a language's lists, a term's pages, a
 * taxonomy index, every page of a language (their sidebars), every page; an article's social
 * image (by its path), a language's sitemaps, the sitemap index. Plain JavaScript,
 * because the cache handler that applies them is loaded by Next.js at run time, unbundled.
 */

const TAXONOMIES = ['categories', 'tags'];
/** Listed like a term: an author's pages (/en/authors/jane-doe, /page/2), tagged `authors` beside the taxonomies. */
const LISTS = [...TAXONOMIES, 'authors'];
const enc = encodeURIComponent;

/** Every page of the site. */
export const allPagesTag = 'bs:all';
/**
 * Names no page: it marks a change that took an article down (deleted, unpublished, expired), so
 * that the caches in front drop every page the change names outright, never serving one of them
 * once more while they fetch it again (lib/server/purge/policy.ts).
 */
export const takedownTag = 'bs:takedown';
/** Every page of a language: each shows its recent articles and terms in the sidebar. */
export const languageTag = (/** @type {string} */ lang) => `bs:lang:${enc(lang)}`;
/**
 * Pages of a language fall into this many groups for their sidebars' refresh, each refreshed at
 * its own moment of the `sidebarRefresh` period: a new article then never makes every page of a
 * language render again at once (lib/server/revalidation/sidebarSchedule.ts).
 */
export const SIDEBAR_GROUPS = 30;
/** One group of a language's pages, for their sidebars. */
export const sidebarTag = (/** @type {string} */ lang, /** @type {number} */ group) => `bs:side:${enc(lang)}:${group}`;

/** The sidebar group of a page, by a hash (FNV-1a) of its decoded path. @param {string} path */
export function sidebarGroup(path) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SIDEBAR_GROUPS;
}

/** A language's home and its numbered list pages. */
export const listTag = (/** @type {string} */ lang) => `bs:list:${enc(lang)}`;
/** Every page of one term. */
export const termTag = (/** @type {string} */ lang, /** @type {string} */ taxonomy, /** @type {string} */ slug) =>
  `bs:term:${enc(lang)}:${taxonomy}:${enc(slug.normalize('NFC'))}`;
/** A taxonomy's index of terms with counts. */
export const taxonomyTag = (/** @type {string} */ lang, /** @type {string} */ taxonomy) => `bs:terms:${enc(lang)}:${taxonomy}`;
/** A language's sitemap files and its news sitemap: every article of the language is in them. */
export const sitemapTag = (/** @type {string} */ lang) => `bs:sitemap:${enc(lang)}`;
/** The sitemap index, which names every language's sitemap files and when each last changed. */
export const sitemapIndexTag = 'bs:sitemaps';
/** One page, by its decoded path ("/zh-CN/news/qq/天气"). */
export const pathTag = (/** @type {string} */ path) => `bs:path:${path.normalize('NFC').split('/').filter(Boolean).map(enc).join('/')}`;

/** Decodes each segment of a path as requested; a malformed one is kept as it is. */
function decodedSegments(/** @type {string} */ pathname) {
  return pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * The tags of the page at `pathname` (as Next.js keys it: decoded or not).
 * @param {string} pathname
 * @returns {string[]}
 */
export function pageTags(pathname) {
  const segments = decodedSegments(pathname);
  const [lang, first, second, third] = segments;
  if (lang === undefined) return [allPagesTag];
  const path = `/${segments.join('/')}`.normalize('NFC');
  // Outside the languages: a social image ("/og/en/news/…"), refreshed with its article; sitemaps.
  if (lang === 'og') return [allPagesTag, pathTag(path)];
  if (lang === 'sitemaps') return [allPagesTag, sitemapFileTag(segments.slice(1))];
  const tags = [allPagesTag, languageTag(lang), pathTag(path), sidebarTag(lang, sidebarGroup(path))];
  if (first === undefined || (first === 'page' && segments.length === 3)) tags.push(listTag(lang));
  else if (LISTS.includes(first) && second === undefined) tags.push(taxonomyTag(lang, first));
  else if (LISTS.includes(first) && second !== undefined && (third === undefined || third === 'page')) tags.push(termTag(lang, first, second));
  return tags;
}

/**
 * The tag of a file under /sitemaps: "index.xml" is the index; "en-2.xml" and "news/en.xml" are
 * the language's. @param {string[]} rest
 */
function sitemapFileTag(rest) {
  const file = rest.join('/');
  const lang = /^(?:news\/(.+)|(.+)-\d+)\.xml$/.exec(file);
  return lang ? sitemapTag(/** @type {string} */ (lang[1] ?? lang[2])) : sitemapIndexTag;
}

/** A page's path as the cache knows it, whether the request wrote it encoded or not. @param {string} pathname */
export function pagePath(pathname) {
  return `/${decodedSegments(pathname).join('/')}`.normalize('NFC');
}

/**
 * The page a cache key names: Next.js keys responses `/route-cache/<kind>/<route hash>/$/<path>`.
 * @param {string} key
 * @returns {string | undefined}
 */
export function pathOfCacheKey(key) {
  const marker = key.indexOf('/$/');
  return marker < 0 ? undefined : key.slice(marker + 2);
}
