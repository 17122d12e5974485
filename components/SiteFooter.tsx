import Link from 'next/link';
import { localize, siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { localPathUrl } from '@/lib/urls';

export function SiteFooter({ lang }: { lang: string }) {
  const dict = getDictionary(lang);
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        {siteConfig.menus.footer.length > 0 ? (
          <ul className="footer-menu">
            {siteConfig.menus.footer.map((item) => (
              <li key={item.href}>
                <Link href={localPathUrl(lang, item.href)}>{localize(item.label, lang)}</Link>
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          © {new Date().getFullYear()} {siteConfig.title} · {dict.poweredBy}
        </p>
      </div>
    </footer>
  );
}
