import { isFeedFile } from '@/lib/rendering/feeds/formats';
import { listTag, pageTags, sitemapIndexTag, termTag } from '@/lib/server/pageCache/pageTags.mjs';

/**
 * The surrogate keys of a response: the tags its page has in the server's page cache
 * (lib/server/pageCache/pageTags.mjs), so that the purge a content change sends to the caches in
 * front (lib/server/purge) names exactly the pages the server itself refreshes. Feeds are not in
 * the page cache (they read the catalog per request) but show what a list or a term shows: they
 * carry its tag. Undefined for what no content change touches (files in public/, the API).
 */
export function surrogateKeys(pathname: string, defaultLanguage: string): string[] | undefined {
  const segments = pathname.split('/').filter(Boolean);
  // `/` is the default language's home, rewritten to it; `/sitemap.xml` is the sitemap index.
  if (segments.length === 0) return pageTags(`/${defaultLanguage}`);
  if (segments.length === 1 && segments[0] === 'sitemap.xml') return [...pageTags('/sitemaps/index.xml'), sitemapIndexTag].filter(unique);
  const tags = pageTags(pathname);
  const [lang, first, second, third, fourth] = segments.map(decoded);
  if (lang !== undefined && first !== undefined && isFeedFile(segments.map(decoded).at(-1))) {
    // `/en/index.xml`: the language's newest articles; `/en/tags/x/index.xml`: the term's.
    if (second === undefined) tags.push(listTag(lang));
    else if ((first === 'categories' || first === 'tags' || first === 'authors') && fourth === undefined && third !== undefined)
      tags.push(termTag(lang, first, second));
  }
  return tags;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function unique(value: string, index: number, all: readonly string[]): boolean {
  return all.indexOf(value) === index;
}

/**
 * The headers that carry the keys, one per kind of cache: `xkey` (Varnish's vmod_xkey, space
 * separated), `Surrogate-Key` (Fastly, space separated) and `Cache-Tag` (Cloudflare, comma
 * separated). Tags never hold a space or a comma (pageTags.mjs encodes every name in them).
 * Each cache in front removes them before a reader sees them (deploy/varnish/broadsheet.vcl).
 */
export function surrogateKeyHeaders(keys: readonly string[]): { xkey: string; 'Surrogate-Key': string; 'Cache-Tag': string } {
  const spaced = keys.join(' ');
  return { xkey: spaced, 'Surrogate-Key': spaced, 'Cache-Tag': keys.join(',') };
}
