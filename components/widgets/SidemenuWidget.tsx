import Link from 'next/link';
import { getDictionary } from '@/lib/i18n';
import { loadMenu } from '@/lib/menus';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

/** The "side" menu: configured items and articles with `menu: side`. */
export async function SidemenuWidget({ lang }: WidgetProps) {
  const menu = await loadMenu(lang, 'side');
  if (menu.length === 0) return null;
  return (
    <WidgetFrame name="sidemenu" title={getDictionary(lang).sideMenu}>
      <ul className="widget-list">
        {menu.map((item) => (
          <li key={item.href}>
            <Link href={item.href}>{item.label}</Link>
          </li>
        ))}
      </ul>
    </WidgetFrame>
  );
}
