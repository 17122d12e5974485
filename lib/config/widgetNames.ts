/**
 * Sidebar widget names an editor may write in `widgets:`. Kept apart from the components so the
 * content checker can validate names without loading React; components/widgets/registry.ts must
 * provide one component for each (its type enforces it).
 */
export const widgetNames = ['search', 'recent', 'categories', 'taglist', 'languages', 'social', 'sidemenu'] as const;
export type WidgetName = (typeof widgetNames)[number];

export function isWidgetName(name: string): name is WidgetName {
  return (widgetNames as readonly string[]).includes(name);
}
