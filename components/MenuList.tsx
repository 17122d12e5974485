import { SiteLink as Link } from '@/components/SiteLink';
import type { MenuLink } from '@/lib/rendering/menus';

/** The links of a menu (main, footer, side), as a list. */
export function MenuList({ items, className }: { items: readonly MenuLink[]; className: string }) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href}>{item.label}</Link>
        </li>
      ))}
    </ul>
  );
}
