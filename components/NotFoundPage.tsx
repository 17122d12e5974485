import { sidebarFor } from '@/lib/rendering/sidebar';
import { NotFoundView } from './NotFoundView';
import { PageLayout } from './PageLayout';

/** The localized 404 (or 410) with a search box and recent articles, so a lost reader has somewhere to go. */
export function NotFoundPage({ lang, gone = false }: { lang: string; gone?: boolean }) {
  return (
    <PageLayout lang={lang} sidebar={{ ...sidebarFor('list'), widgets: ['search', 'recent'] }}>
      <NotFoundView lang={lang} gone={gone} />
    </PageLayout>
  );
}
