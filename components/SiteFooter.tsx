import Link from 'next/link';
import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { loadMenu } from '@/lib/menus';

export async function SiteFooter({ lang }: { lang: string }) {
  const dict = getDictionary(lang);
  const menu = await loadMenu(lang, 'footer');
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        {menu.length > 0 ? (
          <nav aria-label={dict.footerMenu}>
            <ul className="footer-menu">
              {menu.map((item) => (
                <li key={item.href}>
                  <Link href={item.href}>{item.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <p>
          © {new Date().getFullYear()} {siteConfig.title} · {dict.poweredBy}
        </p>
      </div>
    </footer>
  );
}
