import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { CSSProperties, ReactNode } from 'react';
import { HeadScript } from '@/components/HeadScript';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { SkipLink } from '@/components/SkipLink';
import { BreakingLine } from '@/components/BreakingLine';
import { isLanguage, localize, siteConfig } from '@/lib/config';
import { titleTemplate } from '@/lib/rendering/metadata';
import '../globals.css';

/*
 * Pages are rendered once and kept in the server's page cache (lib/server/pageCache) until content they
 * show changes: never on a timer (lib/server/revalidation says what each change refreshes). What shared
 * caches in front may do is set in next.config.ts (`headers`, from `sharedCache` in
 * site.config.ts). The value must be a literal for Next.js to read it.
 */
export const revalidate = false;

export async function generateMetadata({ params }: LayoutProps<'/[lang]'>): Promise<Metadata> {
  const { lang } = await params;
  return {
    metadataBase: new URL(siteConfig.baseUrl),
    title: { template: titleTemplate, default: siteConfig.title },
    description: localize(siteConfig.description, lang),
    icons: { icon: '/favicon.svg' },
  };
}

export default async function LanguageLayout({ children, params }: LayoutProps<'/[lang]'>) {
  const { lang } = await params;
  if (!isLanguage(lang)) notFound();
  const style = { '--highlight': siteConfig.highlightColor } as CSSProperties;
  return (
    // The head script sets data-theme and a class before React hydrates.
    <html lang={lang} style={style} suppressHydrationWarning>
      <head>
        <HeadScript />
      </head>
      <body>
        <SkipLink lang={lang} />
        <div className="site">
          <BreakingLine lang={lang} />
          <SiteHeader lang={lang} />
          <div className="container site-content">{children as ReactNode}</div>
          <SiteFooter lang={lang} />
        </div>
      </body>
    </html>
  );
}
