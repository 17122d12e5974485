import { SiteLink as Link } from '@/components/SiteLink';
import { getDictionary } from '@/lib/i18n';
import { homeUrl } from '@/lib/routing/urls';

export function NotFoundView({ lang }: { lang: string }) {
  const dict = getDictionary(lang);
  return (
    <div className="not-found">
      <p className="not-found-code">404</p>
      <h1 className="page-title">{dict.notFoundTitle}</h1>
      <p>{dict.notFoundText}</p>
      <p>
        <Link href={homeUrl(lang)}>{dict.backHome}</Link>
      </p>
    </div>
  );
}
