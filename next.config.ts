import path from 'node:path';
import type { NextConfig } from 'next';
import { configDefaults } from './lib/config/defaults';
import { tracedFiles, untracedFiles } from './lib/store/fileTracing';
import { framedBySelfHeaders, securityHeaders } from './lib/server/security/headers';
import site from './site.config';

const shared = { ...configDefaults.sharedCache, ...site.sharedCache };
const cacheFor = (seconds: number) => `public, s-maxage=${seconds}, stale-while-revalidate=${shared.staleWhileRevalidate}`;
const languages = site.languages.map((language) => language.code.replace(/-/g, '\\-')).join('|');
const lang = `:lang(${languages})`;

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks first (npm run typecheck, with the route types next typegen writes);
  // the build does not check again, which saves about ten seconds of every build.
  typescript: { ignoreBuildErrors: true },
  // A self-contained server in .next/standalone for containers and plain Node hosts
  // (see Dockerfile and scripts/assemble-standalone.mjs); `next start` keeps the usual layout.
  output: process.env.BROADSHEET_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // proxy.ts strips trailing slashes itself, in the same redirect that maps an old Hugo URL
  // (/zh-cn/page/2/ → /zh-CN/page/2), so an old link costs one hop, not two.
  skipTrailingSlashRedirect: true,
  // A second server on a copy of the build keeps its own page cache (the live-content tests).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Rendered pages are kept by lib/server/pageCache (bounded, tagged by what each page shows), not in
  // Next's own unbounded file cache; it keeps its own memory tier, so Next's is off.
  cacheHandler: path.resolve('lib/server/pageCache/cacheHandler.mjs'),
  cacheMaxMemorySize: 0,
  // What deployments that trace files (Vercel, output: 'standalone') ship beside the server code:
  // the content folder with the SQLite catalog, never with PostgreSQL (lib/store/fileTracing.ts).
  outputFileTracingIncludes: tracedFiles(process.env.DATABASE_URL),
  outputFileTracingExcludes: untracedFiles(process.env.DATABASE_URL),
  experimental: {
    // Unknown languages (`/fr/...`) have no [lang] layout to render a 404 in.
    globalNotFound: true,
  },
  async rewrites() {
    return {
      beforeFiles: [
        // `/` is the default language's home, served without a redirect.
        { source: '/', destination: `/${site.defaultLanguage}` },
        // The sitemap index renders beside the sitemaps it names, on request (a route of its own
        // would be rendered at build, from the content folder), and is cached like them.
        { source: '/sitemap.xml', destination: '/sitemaps/index.xml' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  /*
   * What shared caches (a CDN, the nginx in front) may do with pages. Lists change with every new
   * article, so they are asked for again within seconds; other pages within five minutes. The
   * server's own page cache is refreshed the moment content changes, whatever these say. Later
   * rules win: search results are never shared; feeds are asked for again as often as lists.
   * These apply by path to every status, and a route's own Cache-Control never overrides them:
   * a 404 says no-store from proxy.ts (a middleware's headers do override), a failed render gets
   * Next's `private, no-store`. Social images and sitemaps set their own (no rule here).
   */
  async headers() {
    const header = (value: string) => [{ key: 'Cache-Control', value }];
    return [
      // Every response: pages, feeds, sitemaps, the API, images, 404s (lib/server/security/headers.ts).
      { source: '/:path*', headers: securityHeaders({ comments: site.comments !== undefined, dev: process.env.NODE_ENV === 'development' }) },
      // The breaking-news frame, which the site's own pages frame (components/BreakingLine.tsx).
      { source: '/api/breaking/:lang', headers: framedBySelfHeaders({ comments: site.comments !== undefined, dev: process.env.NODE_ENV === 'development' }) },
      { source: '/', headers: header(cacheFor(shared.lists)) },
      { source: `/${lang}/:path*`, headers: header(cacheFor(shared.pages)) },
      ...[
        `/${lang}`,
        `/${lang}/page/:n`,
        `/${lang}/:taxonomy(categories|tags|authors)`,
        `/${lang}/:taxonomy(categories|tags|authors)/:term`,
        `/${lang}/:taxonomy(categories|tags|authors)/:term/page/:n`,
      ].map((source) => ({ source, headers: header(cacheFor(shared.lists)) })),
      { source: `/${lang}/search`, headers: header('private, no-store') },
      // Author pages (issue 29) are lists like a term's, and so are their feeds: `authors` above.
      // Feeds: feed readers poll, a CDN asks again as often as for lists.
      ...[`/${lang}/:file(index.xml|atom.xml|feed.json)`, `/${lang}/:taxonomy(categories|tags|authors)/:term/:file(index.xml|atom.xml|feed.json)`].map(
        (source) => ({
          source,
          headers: header(`public, max-age=60, s-maxage=${shared.lists}, stale-while-revalidate=600`),
        }),
      ),
    ];
  },
};

export default nextConfig;
