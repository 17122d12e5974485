import type { ArticleMeta } from '@/lib/content';
import { newestFirst } from '@/lib/content/corrections';
import { editorialStrings } from '@/lib/i18n/editorial';
import { DateTime } from './DateTime';

/** The anchor of an article's corrections notice, which the corrections page links to. */
export const CORRECTIONS_ANCHOR = 'corrections';

/**
 * An article's corrections (`corrections:` in front matter), newest first, each dated: plain
 * markup in a labelled region, so it reads the same without JavaScript and to a screen reader.
 */
export function CorrectionsNotice({ article }: { article: Pick<ArticleMeta, 'lang' | 'corrections'> }) {
  if (!article.corrections?.length) return null;
  const strings = editorialStrings(article.lang);
  const headingId = `${CORRECTIONS_ANCHOR}-heading`;
  return (
    <section className="corrections-notice" id={CORRECTIONS_ANCHOR} aria-labelledby={headingId}>
      <h2 id={headingId} className="corrections-title">
        {strings.corrections}
      </h2>
      <ol className="corrections-list">
        {newestFirst(article.corrections).map((correction, i) => (
          <li key={i} className="correction">
            <DateTime epochMs={correction.date} lang={article.lang} className="correction-date" />
            <span className="correction-text">{correction.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
