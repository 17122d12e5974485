import { SiteLink as Link } from '@/components/SiteLink';
import type { CorrectionEntry } from '@/lib/store';
import { editorialStrings } from '@/lib/i18n/editorial';
import { articleUrl } from '@/lib/routing/urls';
import { CORRECTIONS_ANCHOR } from './CorrectionsNotice';
import { DateTime } from './DateTime';

/** The corrections page's list: each correction dated, as written, with a link to its article's notice. */
export function CorrectionsList({ lang, entries }: { lang: string; entries: readonly CorrectionEntry[] }) {
  const strings = editorialStrings(lang);
  if (entries.length === 0) return <p className="empty">{strings.noCorrections}</p>;
  return (
    <ol className="corrections-list corrections-page-list">
      {entries.map((entry) => (
        <li key={`${entry.article.key}|${entry.date}|${entry.text}`} className="correction">
          <DateTime epochMs={entry.date} lang={lang} className="correction-date" />
          <span className="correction-text">{entry.text}</span>
          <p className="correction-article">
            {strings.correctionTo}: <Link href={`${articleUrl(entry.article)}#${CORRECTIONS_ANCHOR}`}>{entry.article.title}</Link>
          </p>
        </li>
      ))}
    </ol>
  );
}
