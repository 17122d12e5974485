import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import type { WidgetProps } from './types';
import { WidgetFrame } from './WidgetFrame';

/** Links to the site's profiles (site.config.ts `social`); nothing when there are none. */
export function SocialWidget({ lang }: WidgetProps) {
  if (siteConfig.social.length === 0) return null;
  return (
    <WidgetFrame name="social" title={getDictionary(lang).social}>
      <ul className="term-buttons">
        {siteConfig.social.map((link) => (
          <li key={link.url}>
            <a className="term-button" href={link.url} rel="me noopener">
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </WidgetFrame>
  );
}
