import { SiteLink as Link } from '@/components/SiteLink';
import { localize, siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { loadMenu } from '@/lib/rendering/menus';
import { homeUrl } from '@/lib/routing/urls';
import { MenuList } from './MenuList';
import { ThemeToggle } from './ThemeToggle';

/**
 * Logo, title and main menu. Below 767 px the menu folds behind a button; the button is a
 * checkbox label, so it opens and closes with JavaScript off.
 */
export async function SiteHeader({ lang }: { lang: string }) {
  const dict = getDictionary(lang);
  const menu = await loadMenu(lang, 'main');
  const subtitle = localize(siteConfig.subtitle, lang);
  return (
    <header className="site-header">
      <div className="container header-inner">
        <div className="logo">
          <Link href={homeUrl(lang)} className="logo-link" rel="home">
            <span className="logo-title">{siteConfig.title}</span>
            {subtitle ? <span className="logo-subtitle">{subtitle}</span> : null}
          </Link>
        </div>
        <ThemeToggle label={dict.toggleTheme} />
      </div>
      <nav className="main-menu" aria-label={dict.menu}>
        <div className="container">
          <input type="checkbox" id="menu-toggle" className="menu-toggle" />
          <label htmlFor="menu-toggle" className="menu-button">
            <span aria-hidden="true">☰</span> {dict.menu}
          </label>
          <MenuList className="menu-items" items={menu} />
        </div>
      </nav>
    </header>
  );
}
