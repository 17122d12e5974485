import type { ReactNode } from 'react';
import type { SidebarChoice } from '@/lib/rendering/sidebar';
import { Sidebar } from './Sidebar';

/** Content about two thirds, sidebar one third, on the side the page asks for. */
export function PageLayout({
  lang,
  sidebar,
  alternates,
  children,
}: {
  lang: string;
  sidebar: SidebarChoice;
  /** This page in other languages, for the languages widget. */
  alternates?: Readonly<Record<string, string>>;
  children: ReactNode;
}) {
  const position = sidebar.position;
  return (
    <div className={`page-layout ${position ? `sidebar-${position}` : 'no-sidebar'}`}>
      <main id="main" className="primary" tabIndex={-1}>
        {children}
      </main>
      {position ? <Sidebar lang={lang} widgets={sidebar.widgets} alternates={alternates} /> : null}
    </div>
  );
}
