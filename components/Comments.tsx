import type { GiscusConfig } from '@/lib/config/types';
import { getDictionary } from '@/lib/i18n';

/** Giscus has zh-CN and zh-TW; Hong Kong readers get the Traditional one. */
const giscusLanguage: Record<string, string> = { 'zh-CN': 'zh-CN', 'zh-HK': 'zh-TW', 'zh-TW': 'zh-TW' };

/**
 * The comment thread under an article, from the configured provider. This is the one place the
 * site loads a script from another host, and only where an article has comments turned on.
 */
export function Comments({ config, lang }: { config: GiscusConfig; lang: string }) {
  return (
    <section className="comments" aria-label={getDictionary(lang).comments}>
      <div className="giscus" />
      <script
        src="https://giscus.app/client.js"
        data-repo={config.repo}
        data-repo-id={config.repoId}
        data-category={config.category}
        data-category-id={config.categoryId}
        data-mapping={config.mapping ?? 'pathname'}
        data-reactions-enabled="1"
        data-input-position="top"
        data-theme="preferred_color_scheme"
        data-lang={giscusLanguage[lang] ?? lang.split('-')[0]}
        data-loading="lazy"
        crossOrigin="anonymous"
        async
      />
    </section>
  );
}
