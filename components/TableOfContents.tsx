import { getDictionary } from '@/lib/i18n';
import type { TocEntry } from '@/lib/rendering/markdown/render';

/** h2 and h3 headings of the body as anchor links; nothing when the body has none. */
export function TableOfContents({ lang, entries }: { lang: string; entries: readonly TocEntry[] }) {
  if (entries.length === 0) return null;
  const title = getDictionary(lang).tableOfContents;
  return (
    <nav className="toc" aria-label={title}>
      <p className="toc-title">{title}</p>
      <ol>
        {entries.map((entry, i) => (
          <li key={`${entry.id}-${i}`} className={`toc-depth-${entry.depth}`}>
            <a href={`#${encodeURIComponent(entry.id)}`}>{entry.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
