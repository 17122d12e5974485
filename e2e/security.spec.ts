import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { get } from './support/http';
import { freshCopy, type Started, startProcess } from './support/servers';

/**
 * Defense in depth: security headers on every kind of response, pages that break no rule of
 * their own Content-Security-Policy in a real browser, and HTML the Nu checker finds no error in.
 */

const headersOf = async (url: string) => (await get(url)).headers;

test('every kind of response carries the security headers', async ({ baseURL }) => {
  for (const url of [
    '/en',
    '/en/news/city/harbour-bridge-reopens',
    '/en/index.xml',
    '/sitemap.xml',
    '/sitemaps/en-1.xml',
    '/robots.txt',
    '/api/search?lang=en&q=bridge',
    '/og/en/news/city/harbour-bridge-reopens',
    '/en/news/city/no-such-story',
    '/news/city/harbour-bridge-reopens/',
    '/favicon.svg',
  ]) {
    const headers = await headersOf(baseURL + url);
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options'], url).toBe('DENY');
    expect(headers['permissions-policy'], url).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    const csp = String(headers['content-security-policy'] ?? '');
    for (const directive of [
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "script-src 'self' 'unsafe-inline'",
      // The site's own frame only: the breaking-news line (components/BreakingLine.tsx).
      "frame-src 'self'",
    ]) {
      expect(csp, `${url}: ${directive}`).toContain(directive);
    }
    // No other host may serve scripts (comments are not configured in the demo).
    expect(/script-src[^;]*https?:/.test(csp), url).toBe(false);
  }
});

test('only this site may frame the breaking-news line, which otherwise carries the same headers', async ({ baseURL }) => {
  const headers = await headersOf(`${baseURL}/api/breaking/en`);
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).toContain("script-src 'self' 'unsafe-inline'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
});

/** Loads a page, does what a reader does there, and returns every CSP violation the browser reported. */
async function violations(page: Page, url: string, act?: (page: Page) => Promise<void>): Promise<string[]> {
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  if (act) await act(page);
  const reported = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return [...reported, ...consoleErrors];
}

const pages = [
  '/en',
  '/zh-CN',
  '/en/page/2',
  '/en/news/city/harbour-bridge-reopens',
  '/zh-HK/news/weather/typhoon-signal',
  '/en/news/science/heatwave-study',
  '/en/tags/transport',
  '/zh-CN/categories',
  '/en/search?q=bridge',
  '/en/news/city/no-such-story',
  '/fr/nothing',
  // A live page, whose updater fetches the page again; an expired article (410).
  '/en/news/weather/storm-live',
  '/en/news/culture/winter-market-hours',
  // Corrections and labels (issue 29): a corrected article, sponsored content, the corrections page.
  '/en/news/markets/rate-path-analysis',
  '/en/news/tech/cloud-backup-sponsored',
  '/zh-CN/corrections',
  // Issue 29: an article with bylines and their author box, an author's page, the authors' index.
  '/en/news/city/council-budget-vote',
  '/en/authors/mei-chan',
  '/zh-HK/authors',
];

for (const url of pages) {
  test(`${url} breaks no rule of its Content-Security-Policy`, async ({ page }) => {
    expect(await violations(page, url)).toEqual([]);
  });
}

test('suggestions, the theme toggle and a client-side navigation break no rule either', async ({ page }) => {
  const found = await violations(page, '/en/news/city/rail-strike-called-off', async (p) => {
    await p.locator('.widget-search input[name="q"]').pressSequentially('harbour');
    await p.waitForResponse((response) => response.url().includes('/api/search'));
    await p.locator('.theme-toggle').click();
    await p.locator('a[href="/en/tags"]').first().click();
    await p.waitForURL(/\/en\/tags$/);
  });
  expect(found).toEqual([]);
});

const vnuJar = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('the Nu HTML Checker finds no error in any page type, in Latin and Chinese scripts', async ({ baseURL }) => {
  test.skip(!hasJava, 'no java (CI installs Debian default-jre-headless)');
  test.setTimeout(120_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'broadsheet-vnu-'));
  const checked = [
    '/en',
    '/zh-CN',
    '/zh-HK/page/1',
    '/en/page/2',
    '/en/news/city/harbour-bridge-reopens',
    '/zh-CN/news/tech/ai-summit',
    '/zh-HK/news/weather/typhoon-signal',
    '/en/news/science/heatwave-study',
    '/en/tags/transport',
    '/zh-CN/tags/' + encodeURIComponent('天气'),
    '/en/categories',
    '/zh-HK/tags',
    '/en/search?q=bridge',
    '/zh-CN/search?q=' + encodeURIComponent('峰会'),
    '/en/news/city/no-such-story',
    '/zh-CN/no-such-page',
    // Issue 29: a live page, the breaking-news frame, an expired article (410).
    '/en/news/weather/storm-live',
    '/api/breaking/en',
    '/en/news/culture/winter-market-hours',
    // Issue 29: a corrected article, sponsored content, the corrections page with entries and without.
    '/zh-CN/news/city/metro-line-trial',
    '/en/news/tech/cloud-backup-sponsored',
    '/en/corrections',
    '/zh-HK/corrections',
    // Issue 29: bylines and the author box, an author's page in two scripts, the authors' index.
    '/en/news/city/council-budget-vote',
    '/en/authors/mei-chan',
    '/zh-CN/authors/mei-chan',
    '/zh-HK/authors',
  ];
  try {
    const files = [];
    for (const [i, url] of checked.entries()) {
      const file = path.join(folder, `${i}.html`);
      writeFileSync(file, (await get(baseURL + url)).body);
      files.push(file);
    }
    let report = '';
    try {
      execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'gnu', ...files], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      report = `${(error as { stderr?: string }).stderr ?? ''}${(error as { stdout?: string }).stdout ?? ''}`;
    }
    // Name each page rather than its temporary file.
    const named = report.replace(/"file:[^"]*\/(\d+)\.html"/g, (_, i: string) => checked[Number(i)] ?? i);
    expect(named).toBe('');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test.describe('the revalidation endpoint', () => {
  const SECRET = 'a-long-operator-secret-9f3c';
  let server: Started;
  let content: string;
  test.beforeAll(async () => {
    content = freshCopy('content', path.join(tmpdir(), 'broadsheet-revalidate-content'));
    server = await startProcess(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', '3260'], {
      env: { NODE_ENV: 'production', NEXT_DIST_DIR: freshCopy('.next', '.next-revalidate'), CONTENT_DIR: content, REVALIDATE_SECRET: SECRET },
      origin: 'http://127.0.0.1:3260',
      readyLog: /\[content\] \d+ articles from/,
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(content, { recursive: true, force: true });
  });

  /** Each claims to come from somewhere else: anyone may write X-Forwarded-For. */
  const FORGED = '203.0.113.66';
  const post = (token: string, body: string) =>
    fetch(`${server.origin}/api/revalidate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-revalidate-token': token, 'x-forwarded-for': FORGED },
      body,
    });

  test('refuses a wrong token and a large body, logs refusals with the connecting address and without the token, and takes the right one', async () => {
    const guess = 'a-long-operator-secret-9f3d';
    expect((await post(guess, '{"tags":["bs:all"]}')).status).toBe(403);
    expect((await post('', '{}')).status).toBe(403);
    expect((await post(SECRET, JSON.stringify({ tags: Array.from({ length: 2000 }, (_, i) => `bs:path:en/news/${i}`) }))).status).toBe(413);
    expect((await post(SECRET, 'not json')).status).toBe(400);
    const ok = await post(SECRET, '{"tags":["bs:list:en"],"revalidations":[{"path":"/en"}]}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ revalidated: 2 });
    const log = server.log();
    expect(log.match(/\[revalidate\] refused/g)?.length).toBe(4);
    expect(log).toMatch(/\[revalidate\] refused \(413, Body larger than 16384 bytes\)/);
    // The address the connection came from, never the one a client wrote.
    expect(log.match(/\[revalidate\] refused \([^)]*\) a request from 127\.0\.0\.1\n/g)?.length).toBe(4);
    expect(log).not.toContain(FORGED);
    expect(log).not.toContain(guess);
    expect(log).not.toContain(SECRET);
  });
});
