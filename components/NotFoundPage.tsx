import { sidebarFor } from '@/lib/rendering/sidebar';
import { NotFoundView } from './NotFoundView';
import { PageLayout } from './PageLayout';

/** The localized 404 with a search box and recent articles, so a lost reader has somewhere to go. */
export function NotFoundPage({ lang }: { lang: string }) {
  return (
    <PageLayout lang={lang} sidebar={{ ...sidebarFor('list'), widgets: ['search', 'recent'] }}>
      <NotFoundView lang={lang} />
    </PageLayout>
  );
}
