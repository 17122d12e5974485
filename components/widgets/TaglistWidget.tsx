import { TermButtons } from '@/components/TermButtons';
import { getDictionary } from '@/lib/i18n';
import { loadTerms } from '@/lib/pageData';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

export async function TaglistWidget({ lang }: WidgetProps) {
  const terms = (await loadTerms(lang, 'tags')) ?? [];
  return (
    <WidgetFrame name="taglist" title={getDictionary(lang).tags}>
      <TermButtons lang={lang} taxonomy="tags" terms={terms} />
    </WidgetFrame>
  );
}
