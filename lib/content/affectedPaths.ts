import type { CatalogChange } from './index';

/** A cached page, or with `layout` every page under that path, to render afresh. */
export interface Revalidation {
  path: string;
  type?: 'layout';
}

/**
 * The cached pages a change makes stale. Every page shows its language's recent articles and term
 * counts in the sidebar, so any change revalidates every page under the [lang] layout. Next.js
 * tags layouts by route pattern (`/[lang]`), not by language, so one language cannot be named
 * alone. Nothing is rendered now: a stale page renders again once, when next visited.
 */
export function affectedPaths(change: CatalogChange): Revalidation[] {
  return change.count > 0 ? [{ path: '/[lang]', type: 'layout' }] : [];
}
