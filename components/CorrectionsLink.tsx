import { SiteLink as Link } from '@/components/SiteLink';
import { editorialStrings } from '@/lib/i18n/editorial';
import { correctionsUrl } from '@/lib/routing/urls';

/** The footer's link to the language's corrections page, where a reader looks for how the site owns its mistakes. */
export function CorrectionsLink({ lang }: { lang: string }) {
  return <Link href={correctionsUrl(lang)}>{editorialStrings(lang).corrections}</Link>;
}
