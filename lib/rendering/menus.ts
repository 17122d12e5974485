import { localize, siteConfig } from '@/lib/config';
import { getStore } from '@/lib/store';
import { articleUrl, localPathUrl } from '@/lib/routing/urls';

export type MenuName = 'main' | 'side' | 'footer';

export interface MenuLink {
  label: string;
  href: string;
}

/** A menu: the configured items, then the articles whose `menu` field names it. */
export async function loadMenu(lang: string, name: MenuName): Promise<MenuLink[]> {
  const configured = siteConfig.menus[name].map((item) => ({ label: localize(item.label, lang), href: localPathUrl(lang, item.href) }));
  const articles = (await getStore().menuArticles(lang, name)).map((article) => ({ label: article.title, href: articleUrl(article) }));
  return [...configured, ...articles];
}
