import type { NextConfig } from 'next';
import site from './site.config';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A second server on a copy of the build keeps its own page cache (the live-content tests).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Articles are read at run time, so deployments that trace files (Vercel, output: 'standalone')
  // must ship the content folder with the server code.
  outputFileTracingIncludes: { '/**': ['./content/**/*'] },
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
