import { SiteLink as Link } from '@/components/SiteLink';
import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { loadTerms } from '@/lib/rendering/pageData';
import { termUrl } from '@/lib/routing/urls';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

export async function CategoriesWidget({ lang }: WidgetProps) {
  const terms = (await loadTerms(lang, 'categories')) ?? [];
  return (
    <WidgetFrame name="categories" title={getDictionary(lang).categories}>
      <ul className="widget-list">
        {terms.map((term) => (
          <li key={term.slug}>
            <Link href={termUrl(lang, 'categories', term.slug)}>{term.name}</Link>
            {siteConfig.widgetSettings.categories.counts ? <span className="count"> ({term.count})</span> : null}
          </li>
        ))}
      </ul>
    </WidgetFrame>
  );
}
