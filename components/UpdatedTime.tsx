import type { ArticleMeta } from '@/lib/content';
import { updatedAt } from '@/lib/content/corrections';
import { getDictionary } from '@/lib/i18n';
import { DateTime } from './DateTime';

/** "· Last modified …" after the date, when the article changed since: its `lastmod` or its newest correction, whichever is later. */
export function UpdatedTime({ article }: { article: Pick<ArticleMeta, 'lang' | 'date' | 'lastmod' | 'corrections'> }) {
  const updated = updatedAt(article);
  if (updated === undefined) return null;
  return (
    <span className="meta-lastmod">
      {' '}
      · {getDictionary(article.lang).lastModified} <DateTime epochMs={updated} lang={article.lang} />
    </span>
  );
}
