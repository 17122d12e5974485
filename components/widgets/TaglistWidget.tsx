import { SiteLink as Link } from '@/components/SiteLink';
import { TermButtons } from '@/components/TermButtons';
import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { loadTerms, loadTopTerms } from '@/lib/rendering/pageData';
import { taxonomyUrl } from '@/lib/routing/urls';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

/** The most used tags as buttons (widgetSettings.taglist.limit), then a link to all of them. */
export async function TaglistWidget({ lang }: WidgetProps) {
  const { counts, limit } = siteConfig.widgetSettings.taglist;
  const dict = getDictionary(lang);
  const terms = (await loadTerms(lang, 'tags')) ?? [];
  // The most used, shown by name.
  const shown = (await loadTopTerms(lang, 'tags', limit))
    .sort((a, b) => a.name.localeCompare(b.name, lang))
    .map((term) => ({ name: term.name, slug: term.slug, count: counts ? term.count : undefined }));
  return (
    <WidgetFrame name="taglist" title={dict.tags}>
      <TermButtons lang={lang} taxonomy="tags" terms={shown} />
      {terms.length > shown.length ? (
        <p className="widget-more">
          <Link href={taxonomyUrl(lang, 'tags')}>
            {dict.allTags} ({terms.length})
          </Link>
        </p>
      ) : null}
    </WidgetFrame>
  );
}
