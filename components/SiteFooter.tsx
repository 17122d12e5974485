import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { loadMenu } from '@/lib/rendering/menus';
import { MenuList } from './MenuList';
import { CorrectionsLink } from './CorrectionsLink';

export async function SiteFooter({ lang }: { lang: string }) {
  const dict = getDictionary(lang);
  const menu = await loadMenu(lang, 'footer');
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        {menu.length > 0 ? (
          <nav aria-label={dict.footerMenu}>
            <MenuList className="footer-menu" items={menu} />
          </nav>
        ) : null}
        <p>
          © {new Date().getFullYear()} {siteConfig.title} · <CorrectionsLink lang={lang} /> · {dict.poweredBy}
        </p>
      </div>
    </footer>
  );
}
