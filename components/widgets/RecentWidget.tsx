import { SiteLink as Link } from '@/components/SiteLink';
import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { loadRecent } from '@/lib/rendering/pageData';
import { articleUrl } from '@/lib/routing/urls';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

export async function RecentWidget({ lang }: WidgetProps) {
  const recent = await loadRecent(lang, siteConfig.recentCount);
  return (
    <WidgetFrame name="recent" title={getDictionary(lang).recent}>
      <ul className="widget-list">
        {recent.map((article) => (
          <li key={article.key}>
            <Link href={articleUrl(article)}>{article.title}</Link>
          </li>
        ))}
      </ul>
    </WidgetFrame>
  );
}
