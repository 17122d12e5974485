import { isPostgresUrl } from './postgres/url';

/** Social preview images read these font files at run time (lib/rendering/og/fonts.ts). */
const OG_FONTS = ['./node_modules/@fontsource/noto-sans-sc/700.css', './node_modules/@fontsource/noto-sans-sc/files/*-700-normal.woff'];

/**
 * The files a deployment that traces them (Vercel's functions, `output: 'standalone'`) must ship
 * beside the server code, for next.config.ts's outputFileTracingIncludes. With the SQLite catalog
 * every function reads articles from the content folder at run time, so it ships the folder
 * (82-113 MB per function at 17,981 articles: Vercel's 250 MB fits some 50,000). With a
 * PostgreSQL DATABASE_URL at build time the store holds every article's text and nothing reads
 * the folder at run time: it is left out, and a function is the same size at any archive size.
 */
export function tracedFiles(databaseUrl: string | undefined): Record<string, string[]> {
  const fonts = { '/og/**': OG_FONTS };
  return isPostgresUrl(databaseUrl) ? fonts : { '/**': ['./content/**/*'], ...fonts };
}

/**
 * Files the tracer must never ship whatever code seems to reach them: with PostgreSQL, the
 * content folder (a path built at run time from CONTENT_DIR can look like a read of all of it).
 */
export function untracedFiles(databaseUrl: string | undefined): Record<string, string[]> {
  return isPostgresUrl(databaseUrl) ? { '/**': ['./content/**/*'] } : {};
}
