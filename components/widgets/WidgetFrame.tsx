import type { ReactNode } from 'react';

/** The titled box every widget sits in. */
export function WidgetFrame({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  const headingId = `widget-${name}`;
  return (
    <section className={`widget widget-${name}`} aria-labelledby={headingId}>
      <h2 className="widget-title" id={headingId}>
        {title}
      </h2>
      {children}
    </section>
  );
}
