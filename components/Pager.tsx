import { SiteLink as Link } from '@/components/SiteLink';
import type { ArticleMeta } from '@/lib/content';
import { getDictionary } from '@/lib/i18n';
import { articleUrl } from '@/lib/routing/urls';

/** Previous and next articles, with titles, in the same language. */
export function Pager({ lang, newer, older }: { lang: string; newer?: ArticleMeta; older?: ArticleMeta }) {
  if (!newer && !older) return null;
  const dict = getDictionary(lang);
  return (
    <nav className="pager" aria-label={`${dict.newerArticle} / ${dict.olderArticle}`}>
      {older ? (
        <Link className="pager-older" href={articleUrl(older)} rel="prev">
          <span className="pager-label">‹ {dict.olderArticle}</span>
          <span className="pager-title">{older.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {newer ? (
        <Link className="pager-newer" href={articleUrl(newer)} rel="next">
          <span className="pager-label">{dict.newerArticle} ›</span>
          <span className="pager-title">{newer.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
