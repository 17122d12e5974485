import { SearchForm } from '@/components/SearchForm';
import { getDictionary } from '@/lib/i18n';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

export function SearchWidget({ lang }: WidgetProps) {
  return (
    <WidgetFrame name="search" title={getDictionary(lang).search}>
      <SearchForm lang={lang} id="sidebar-search" />
    </WidgetFrame>
  );
}
