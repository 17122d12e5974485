import { getDictionary } from '@/lib/i18n';
import { widgetFor } from './widgets/registry';

export function Sidebar({ lang, widgets }: { lang: string; widgets: readonly string[] }) {
  return (
    <aside className="sidebar" aria-label={getDictionary(lang).sidebar}>
      {widgets.map((name, position) => {
        const Widget = widgetFor(name);
        return Widget ? <Widget key={`${name}-${position}`} lang={lang} /> : null;
      })}
    </aside>
  );
}
