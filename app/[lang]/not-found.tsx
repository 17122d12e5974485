import { lang } from 'next/root-params';
import { NotFoundView } from '@/components/NotFoundView';
import { isLanguage, siteConfig } from '@/lib/config';

/**
 * Fallback for a notFound() thrown while rendering (an article deleted after the proxy checked
 * it). The proxy's rewrite to /[lang]/404 is the usual path, because it renders on the server.
 * Next.js ships this boundary with every page under [lang], so it stays small.
 */
export default async function NotFound() {
  const requested = await lang();
  return (
    <main id="main" className="primary">
      <NotFoundView lang={isLanguage(requested) ? requested : siteConfig.defaultLanguage} />
    </main>
  );
}
