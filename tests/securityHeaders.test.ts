import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, framedBySelfHeaders, securityHeaders } from '@/lib/server/security/headers';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the security headers', () => {
  it('allow scripts from this origin and inline only, and nothing from another host, without comments', () => {
    const csp = directives(contentSecurityPolicy({ comments: false, dev: false }));
    expect(csp['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    // The site's own frame only: the breaking-news line (components/BreakingLine.tsx).
    expect(csp['frame-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
  });

  it("name the comment provider's origin only when comments are configured", () => {
    const csp = directives(contentSecurityPolicy({ comments: true, dev: false }));
    expect(csp['script-src']).toContain('https://giscus.app');
    expect(csp['frame-src']).toEqual(["'self'", 'https://giscus.app']);
  });

  it('allow eval only to next dev', () => {
    expect(contentSecurityPolicy({ comments: false, dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ comments: false, dev: false })).not.toContain("'unsafe-eval'");
  });

  it('send nosniff, a referrer policy, a permissions policy and frame protection', () => {
    const headers = Object.fromEntries(securityHeaders({ comments: false, dev: false }).map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin', 'X-Frame-Options': 'DENY' });
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/);
  });

  it('let only this site frame the breaking-news line, and nothing else', () => {
    const framed = Object.fromEntries(framedBySelfHeaders({ comments: false, dev: false }).map((h) => [h.key, h.value]));
    expect(framed['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(directives(framed['Content-Security-Policy'] as string)['frame-ancestors']).toEqual(["'self'"]);
    expect(directives(framed['Content-Security-Policy'] as string)['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
