import { siteConfig, type PageType, type SidebarPosition } from '@/lib/config';
import type { ArticleMeta } from '@/lib/content/types';

export interface SidebarChoice {
  position: SidebarPosition;
  widgets: string[];
}

/** Mainroad's rule: a page's own `sidebar` and `widgets` win over the site defaults for its type. */
export function sidebarFor(pageType: PageType, article?: Pick<ArticleMeta, 'sidebar' | 'widgets'>): SidebarChoice {
  return {
    position: article?.sidebar ?? siteConfig.sidebar[pageType],
    widgets: article?.widgets ?? siteConfig.widgets,
  };
}
