import { SiteLink as Link } from '@/components/SiteLink';
import { languages } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import { homeUrl } from '@/lib/routing/urls';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

/** Each language, linking to this page in it where it exists, else to its home. */
export function LanguagesWidget({ lang, alternates }: WidgetProps) {
  return (
    <WidgetFrame name="languages" title={getDictionary(lang).languages}>
      <ul className="widget-list languages">
        {languages.map((language) => (
          <li key={language.code}>
            <Link
              href={alternates?.[language.code] ?? homeUrl(language.code)}
              hrefLang={language.code}
              lang={language.code}
              aria-current={language.code === lang ? 'true' : undefined}
            >
              <span className="language-code">{language.code}</span> {language.name}
            </Link>
          </li>
        ))}
      </ul>
    </WidgetFrame>
  );
}
