import { SiteLink as Link } from '@/components/SiteLink';
import { getDictionary } from '@/lib/i18n';
import { homeUrl } from '@/lib/routing/urls';

/** A page that is not here: never was (404), or an article taken down (410). */
export function NotFoundView({ lang, gone = false }: { lang: string; gone?: boolean }) {
  const dict = getDictionary(lang);
  return (
    <div className="not-found">
      <p className="not-found-code">{gone ? 410 : 404}</p>
      <h1 className="page-title">{gone ? dict.goneTitle : dict.notFoundTitle}</h1>
      <p>{gone ? dict.goneText : dict.notFoundText}</p>
      <p>
        <Link href={homeUrl(lang)}>{dict.backHome}</Link>
      </p>
    </div>
  );
}
