import { siteConfig } from '@/lib/config';
import type { AuthorView } from '@/lib/rendering/authors';
import { authorPerson } from '@/lib/rendering/authorJsonLd';

/** schema.org ProfilePage for an author's page: its main entity the Person bylines name. */
export function AuthorJsonLd({ lang, author }: { lang: string; author: AuthorView }) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    inLanguage: lang,
    mainEntity: {
      ...authorPerson(author),
      description: author.bio,
      image: author.photo ? new URL(author.photo, siteConfig.baseUrl).href : undefined,
      sameAs: author.links.length > 0 ? author.links.map((link) => link.url) : undefined,
    },
  };
  // "<" is escaped so that text in a name or bio can never close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
