import type { CatalogReader } from '@/lib/store';
import { isTaxonomy } from '@/lib/content/terms';
import { isFeedFile } from '@/lib/rendering/feeds/formats';
import { articleUrl, feedUrl, homeUrl, listPageUrl, parsePageNumber, taxonomyUrl, termUrl } from '@/lib/routing/urls';

/*
 * The Hugo + Mainroad site's URLs, mapped to today's. Hugo served the default language at the
 * root without a prefix and the others under a lowercased prefix (/zh-cn/), lowercased every
 * path, ended it with a slash, and kept a lowercased language suffix on article file names of
 * the other languages (/zh-cn/news/qq/20250212a06ysw.zh-cn/).
 */

export interface LegacyContext {
  store: Pick<CatalogReader, 'term' | 'article' | 'articleIgnoringCase'>;
  languageCodes: readonly string[];
  defaultLanguage: string;
}

/** Today's URL for an old path's segments (decoded), or undefined when it names nothing here. */
export async function legacyTarget(segments: readonly string[], context: LegacyContext): Promise<string | undefined> {
  const { store } = context;
  const prefixed = context.languageCodes.find((code) => code.toLowerCase() === segments[0]?.toLowerCase());
  const lang = prefixed ?? context.defaultLanguage;
  const rest = prefixed ? segments.slice(1) : [...segments];
  const [first, second, third, fourth, ...more] = rest;

  if (first === undefined) return homeUrl(lang);
  if (isFeedFile(first) && second === undefined) return feedUrl(homeUrl(lang), first);
  if (first === 'page' && second !== undefined && third === undefined) {
    const page = parsePageNumber(second);
    return page !== undefined ? listPageUrl(lang, page) : undefined;
  }
  const taxonomy = first.toLowerCase();
  if (isTaxonomy(taxonomy)) {
    if (second === undefined) return taxonomyUrl(lang, taxonomy);
    const term = (await store.term(lang, taxonomy, second.normalize('NFC').toLowerCase())) ?? (await store.term(lang, taxonomy, second.normalize('NFC')));
    if (!term || more.length > 0) return undefined;
    const termPath = termUrl(lang, taxonomy, term.slug);
    if (third === undefined) return termPath;
    if (isFeedFile(third) && fourth === undefined) return feedUrl(termPath, third);
    const page = third === 'page' && fourth !== undefined ? parsePageNumber(fourth) : undefined;
    return page !== undefined ? termUrl(lang, taxonomy, term.slug, page) : undefined;
  }

  // An article: drop Hugo's language suffix from the last segment, then match ignoring case.
  const last = rest.at(-1) as string;
  const suffix = `.${lang.toLowerCase()}`;
  const slug = last.toLowerCase().endsWith(suffix) ? [...rest.slice(0, -1), last.slice(0, -suffix.length)] : rest;
  const article = (await store.article(lang, slug)) ?? (await store.articleIgnoringCase(lang, slug));
  return article ? articleUrl(article) : undefined;
}
