import type { ComponentType } from 'react';
import { CategoriesWidget } from './CategoriesWidget';
import { LanguagesWidget } from './LanguagesWidget';
import { RecentWidget } from './RecentWidget';
import { SearchWidget } from './SearchWidget';
import { TaglistWidget } from './TaglistWidget';
import type { WidgetProps } from './types';

/** Widget names as editors write them in `widgets:`. A new widget is one file and one line here. */
export const widgetRegistry: Record<string, ComponentType<WidgetProps>> = {
  search: SearchWidget,
  recent: RecentWidget,
  categories: CategoriesWidget,
  taglist: TaglistWidget,
  languages: LanguagesWidget,
};

const reported = new Set<string>();

/** The widget for a name; an unknown name is skipped and reported once, never a crash. */
export function widgetFor(name: string): ComponentType<WidgetProps> | undefined {
  const widget = widgetRegistry[name];
  if (!widget && !reported.has(name)) {
    reported.add(name);
    console.warn(`[widgets] unknown widget "${name}" skipped; known: ${Object.keys(widgetRegistry).join(', ')}`);
  }
  return widget;
}
