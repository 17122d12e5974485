import { getDictionary } from '@/lib/i18n';
import { widgetFor } from './widgets/registry';

export function Sidebar({ lang, widgets, alternates }: { lang: string; widgets: readonly string[]; alternates?: Readonly<Record<string, string>> }) {
  return (
    <aside className="sidebar" aria-label={getDictionary(lang).sidebar}>
      {widgets.map((name, position) => {
        const Widget = widgetFor(name);
        return Widget ? <Widget key={`${name}-${position}`} lang={lang} alternates={alternates} /> : null;
      })}
    </aside>
  );
}
