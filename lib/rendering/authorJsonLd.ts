import { siteConfig } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content';
import { absoluteUrl } from '@/lib/routing/urls';
import { bylinesOf } from './authors';

/** A schema.org Person for a byline: the name shown and the author's page on this site. */
export function authorPerson(author: { name: string; url: string }): { '@type': 'Person'; name: string; url: string } {
  return { '@type': 'Person', name: author.name, url: absoluteUrl(siteConfig.baseUrl, author.url) };
}

/**
 * An article's JSON-LD `author` (issue 29): a Person per byline, named as the byline shows them,
 * with the URL of their page; the site's author (or the site) where the article names none.
 */
export async function articleAuthorJsonLd(article: Pick<ArticleMeta, 'lang' | 'authors'>): Promise<object | object[]> {
  const people = (await bylinesOf(article)).map(authorPerson);
  if (people.length > 0) return people.length === 1 ? (people[0] as object) : people;
  return siteConfig.author ? { '@type': 'Person', name: siteConfig.author.name } : { '@type': 'Organization', name: siteConfig.title };
}
