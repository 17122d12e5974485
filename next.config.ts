import type { NextConfig } from 'next';
import site from './site.config';

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
  // How long a CDN may serve a page stale while it refreshes it: a day (see app/[lang]/layout.tsx).
  expireTime: 86_400,
  // A second server on a copy of the build keeps its own page cache (the live-content tests).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Articles are read at run time, so deployments that trace files (Vercel, output: 'standalone')
  // must ship the content folder with the server code.
  outputFileTracingIncludes: {
    '/**': ['./content/**/*'],
    // Social preview images read these font files at run time.
    '/og/**': ['./node_modules/@fontsource/noto-sans-sc/700.css', './node_modules/@fontsource/noto-sans-sc/files/*-700-normal.woff'],
  },
  experimental: {
    // Unknown languages (`/fr/...`) have no [lang] layout to render a 404 in.
    globalNotFound: true,
  },
  async rewrites() {
    // `/` is the default language's home, served without a redirect.
    return { beforeFiles: [{ source: '/', destination: `/${site.defaultLanguage}` }], afterFiles: [], fallback: [] };
  },
};

export default nextConfig;
