/*
 * The security headers of every response (next.config.ts `headers`). Free of the `@/` imports
 * the app uses: next.config.ts reads this file before any bundler does.
 */

/** Where the comment provider's script and frame come from, when comments are configured. */
const GISCUS = 'https://giscus.app';

/**
 * The Content-Security-Policy. Scripts come from this origin only, plus inline scripts: Next.js
 * hands each page its React Server Components payload in inline <script> tags that differ per
 * page, and the site sets its theme before the first paint the same way. A nonce would name
 * them, but a nonce must be new on every response, so no page could be cached (Next.js renders
 * every page with a nonce per request); a hash cannot name a payload that changes with content.
 * So cached pages allow inline scripts, and the wall against a hostile feed is the sanitizer,
 * which lets no script, handler or javascript: URL into a body. Everything else is as strict as
 * the site allows: no plugins, no <base>, forms to this origin only, no framing by anyone.
 */
export function contentSecurityPolicy(options: { comments: boolean; dev: boolean; framedBySelf?: boolean }): string {
  const extra = options.comments ? ` ${GISCUS}` : '';
  return [
    "default-src 'self'",
    // `next dev` evaluates code for fast refresh; a production build never does.
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ''}${extra}`,
    // React writes style attributes (the highlight colour), and KaTeX positions with them.
    "style-src 'self' 'unsafe-inline'",
    // Article images come from the news sources' hosts, or inline (data:).
    "img-src 'self' data: https: http:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? ' ws: wss:' : ''}`,
    // This site's own frame: the breaking-news line (components/BreakingLine.tsx).
    `frame-src 'self'${extra}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    options.framedBySelf ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
  ].join('; ');
}

/** Browser features the site never uses, turned off for it and anything it embeds. */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/** What differs for the breaking-news frame (/api/breaking/…), which this site's own pages frame: set after securityHeaders, it wins. */
export function framedBySelfHeaders(options: { comments: boolean; dev: boolean }): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ ...options, framedBySelf: true }) },
    { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  ];
}

export function securityHeaders(options: { comments: boolean; dev: boolean }): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // Other sites learn only which site a reader came from, never the page.
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
    // For browsers older than frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}
