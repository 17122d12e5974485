import { MenuList } from '@/components/MenuList';
import { getDictionary } from '@/lib/i18n';
import { loadMenu } from '@/lib/rendering/menus';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

/** The "side" menu: configured items and articles with `menu: side`. */
export async function SidemenuWidget({ lang }: WidgetProps) {
  const menu = await loadMenu(lang, 'side');
  if (menu.length === 0) return null;
  return (
    <WidgetFrame name="sidemenu" title={getDictionary(lang).sideMenu}>
      <MenuList className="widget-list" items={menu} />
    </WidgetFrame>
  );
}
