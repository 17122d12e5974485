import type { ComponentType } from 'react';
import { CategoriesWidget } from './CategoriesWidget';
import { LanguagesWidget } from './LanguagesWidget';
import { RecentWidget } from './RecentWidget';
import { SearchWidget } from './SearchWidget';
import { SidemenuWidget } from './SidemenuWidget';
import { SocialWidget } from './SocialWidget';
import { TaglistWidget } from './TaglistWidget';
import { isWidgetName, widgetNames, type WidgetName } from '@/lib/config/widgetNames';
import type { WidgetProps } from './types';

/**
 * Widget names as editors write them in `widgets:`. A new widget is one file, its name in
 * lib/config/widgetNames.ts and one line here.
 */
export const widgetRegistry: Record<WidgetName, ComponentType<WidgetProps>> = {
  search: SearchWidget,
  recent: RecentWidget,
  categories: CategoriesWidget,
  taglist: TaglistWidget,
  languages: LanguagesWidget,
  social: SocialWidget,
  sidemenu: SidemenuWidget,
};

const reported = new Set<string>();

/** The widget for a name; an unknown name is skipped and reported once, never a crash. */
export function widgetFor(name: string): ComponentType<WidgetProps> | undefined {
  if (isWidgetName(name)) return widgetRegistry[name];
  if (!reported.has(name)) {
    reported.add(name);
    console.warn(`[widgets] unknown widget "${name}" skipped; known: ${widgetNames.join(', ')}`);
  }
  return undefined;
}
