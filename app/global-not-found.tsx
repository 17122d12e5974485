import type { Metadata } from 'next';
import { connection } from 'next/server';
import { HeadScript } from '@/components/HeadScript';
import { NotFoundView } from '@/components/NotFoundView';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { siteConfig } from '@/lib/config';
import { getDictionary } from '@/lib/i18n';
import './globals.css';

const lang = siteConfig.defaultLanguage;

export const metadata: Metadata = { title: `${getDictionary(lang).notFoundTitle} - ${siteConfig.title}` };

/** URLs outside every language (`/fr/…`, `/wp-admin`): the 404 in the default language. */
export default async function GlobalNotFound() {
  // Rendered per request, not at build: its menus list articles, and the build never reads the
  // content folder (so its time does not depend on the archive).
  await connection();
  return (
    <html lang={lang} style={{ ['--highlight' as string]: siteConfig.highlightColor }} suppressHydrationWarning>
      <head>
        <HeadScript />
      </head>
      <body>
        <div className="site">
          <SiteHeader lang={lang} />
          <div className="container site-content">
            <main id="main" className="primary">
              <NotFoundView lang={lang} />
            </main>
          </div>
          <SiteFooter lang={lang} />
        </div>
      </body>
    </html>
  );
}
