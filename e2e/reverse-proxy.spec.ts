import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decoded, get, waitFor } from './support/http';
import { freshCopy, hasNginx, nginxPath, type Started, startNext, startNginx } from './support/servers';

/**
 * The shipped nginx cache (deploy/nginx/broadsheet.conf, Debian's nginx-light) in front of the
 * site bound to 127.0.0.1: HTML and React Server Components payloads kept apart, the site's
 * Cache-Control honoured, 404s, 308s, feeds and search passed through, and a new article on its
 * home page through the cache within 5 s. What it keeps: no error, one entry per page whichever
 * of the site's names and whatever query string it was asked with, nothing for another name;
 * social images and sitemaps kept in the site's own page cache and refreshed with their articles.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });
test.skip(!hasNginx(), `no nginx at ${nginxPath} (CI installs Debian's nginx-light)`);

const SITE_PORT = 3220;
const PROXY_PORT = 3221;
let content: string;
let site: Started;
let proxy: Started;
let origin: string;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-proxy-content'));
  site = await startNext({ distDir: freshCopy('.next', '.next-proxy'), contentDir: content, host: '127.0.0.1', port: SITE_PORT });
  proxy = await startNginx({ port: PROXY_PORT, upstreamPort: SITE_PORT });
  origin = proxy.origin;
});

test.afterAll(async () => {
  await proxy?.stop();
  await site?.stop();
  rmSync(content, { recursive: true, force: true });
});

const article = '/en/news/city/harbour-bridge-reopens';
const DEBIAN_CONF = '/etc/nginx/nginx.conf';
const DEBIAN_SITES = '/etc/nginx/sites-enabled';
const DEBIAN_PORT = 3222;

/** A payload request as the router makes it: Next.js first sends it to the URL with its `_rsc` marker. */
async function getPayload(url: string) {
  const first = await get(url, { RSC: '1' });
  return first.status === 307 && first.headers.location ? get(new URL(first.headers.location, url).href, { RSC: '1' }) : first;
}

test('keeps HTML and React Server Components payloads apart, and serves both from the cache', async () => {
  const html = await get(origin + article);
  expect(html.headers['content-type']).toContain('text/html');
  const rsc = await getPayload(origin + article);
  expect(rsc.status).toBe(200);
  expect(rsc.headers['content-type']).toContain('text/x-component');
  expect(rsc.body.startsWith('<!DOCTYPE')).toBe(false);
  // Each is a hit the second time, and neither has taken the other's place.
  const htmlAgain = await get(origin + article);
  expect(htmlAgain.headers['x-cache-status']).toBe('HIT');
  expect(htmlAgain.body).toBe(html.body);
  const rscAgain = await getPayload(origin + article);
  expect(rscAgain.headers['x-cache-status']).toBe('HIT');
  expect(rscAgain.headers['content-type']).toContain('text/x-component');
});

test('keeps Brotli, gzip and plain apart, each compressed once by the site and served as stored', async () => {
  const plain = await get(origin + article);
  expect(plain.headers['content-encoding']).toBeUndefined();
  for (const [accepts, encoding] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
  ] as const) {
    const first = await get(origin + article, { 'Accept-Encoding': accepts });
    const again = await get(origin + article, { 'Accept-Encoding': accepts });
    expect(again.headers['x-cache-status'], accepts).toBe('HIT');
    expect(again.headers['content-encoding'], accepts).toBe(encoding);
    // Served as stored: the same bytes twice (nginx compressing per request would not change
    // them either, but its gzip is off and Debian's nginx has no Brotli to compress with).
    expect(again.raw.equals(first.raw), accepts).toBe(true);
    expect(decoded(again), accepts).toBe(plain.body);
  }
  // The plain copy was not taken over by a compressed one.
  const plainAgain = await get(origin + article);
  expect(plainAgain.headers['content-encoding']).toBeUndefined();
  expect(plainAgain.body).toBe(plain.body);
});

test('a reader navigating in the browser through the cache gets pages, not payloads, and back', async ({ page }) => {
  await page.goto(`${origin}/en`);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.locator(`a[href="${article}"]`).first().click();
  await expect(page).toHaveURL(`${origin}${article}`);
  await expect(page.locator('h1')).toContainText('Harbour bridge');
  // A client-side navigation: the document was not reloaded.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // Loading the URL afresh gets HTML from the cache, not the payload the navigation used.
  const response = await page.goto(`${origin}${article}`);
  expect(response?.headers()['content-type']).toContain('text/html');
  await expect(page.locator('h1')).toContainText('Harbour bridge');
});

test("honours the site's Cache-Control: search is never cached, pages are", async () => {
  await get(`${origin}/en/search?q=bridge`);
  const search = await get(`${origin}/en/search?q=bridge`);
  expect(search.status).toBe(200);
  expect(search.headers['cache-control']).toBe('private, no-store');
  expect(search.headers['x-cache-status']).not.toBe('HIT');
  await get(`${origin}/en/tags/transport`);
  expect((await get(`${origin}/en/tags/transport`)).headers['x-cache-status']).toBe('HIT');
});

test('passes 404s, redirects and feeds through', async () => {
  const missing = await get(`${origin}/en/news/city/no-such-story`);
  expect(missing.status).toBe(404);
  expect(missing.body).toContain('<h1 class="page-title">Page not found</h1>');
  const redirect = await get(`${origin}/news/city/harbour-bridge-reopens/`);
  expect(redirect.status).toBe(308);
  expect(redirect.headers.location).toBe(article);
  const feed = await get(`${origin}/en/index.xml`);
  expect(feed.status).toBe(200);
  expect(feed.headers['content-type']).toContain('application/rss+xml');
  expect(feed.body).toContain('<rss');
});

test('a new article is on its home page through the cache within 5 s; an unrelated page stays cached', async () => {
  await get(`${origin}/en/news/culture/museum-reopens`);
  // An entry left stale by the tests before is refreshed in the background: wait for the fresh one.
  await waitFor(async () => (await get(`${origin}/en`)).headers['x-cache-status'] === 'HIT', 5000, '/en cached by nginx');
  const title = 'Lighthouse keepers return to the outer islands';
  writeFileSync(
    path.join(content, 'en/news/city/lighthouse-keepers.en.md'),
    `---\ntitle: "${title}"\ndate: "2026-11-29 18:00:00"\ncategories: ["City"]\ntags: ["transport"]\n---\n\nThree keepers.\n`,
  );
  const ms = await waitFor(async () => (await get(`${origin}/en`)).body.includes(title), 5000, 'the new article on the home page through nginx');
  console.log(`new article on the home page through nginx after ${ms} ms`);
  const unrelated = await get(`${origin}/en/news/culture/museum-reopens`);
  expect(unrelated.headers['x-cache-status']).toBe('HIT');
  expect(unrelated.body).not.toContain(title);
});

test('a missing page is never kept: published a moment later, it is served through the cache within 5 s', async () => {
  const url = `${origin}/en/news/city/night-ferry-returns`;
  const missing = await get(url);
  expect(missing.status).toBe(404);
  expect(missing.headers['cache-control']).toBe('no-store');
  expect((await get(url)).headers['x-cache-status']).toBe('MISS');
  // Next.js's own 404 outside the pages says `s-maxage=31536000`: nginx keeps it no more.
  await get(`${origin}/images/no-such-picture.png`);
  const picture = await get(`${origin}/images/no-such-picture.png`);
  expect(picture.status).toBe(404);
  expect(picture.headers['x-cache-status']).toBe('MISS');
  writeFileSync(
    path.join(content, 'en/news/city/night-ferry-returns.en.md'),
    `---\ntitle: "Night ferry returns"\ndate: "2026-11-28 18:00:00"\ncategories: ["City"]\n---\n\nBack on the water.\n`,
  );
  const ms = await waitFor(async () => (await get(url)).status === 200, 5000, 'the published article through nginx');
  console.log(`a page missing a moment before was served through nginx ${ms} ms after it was published`);
  expect((await get(url)).headers['x-cache-status']).toBe('HIT');
});

test("one cache entry per page, whichever of the site's names and whatever query string; another name is refused", async () => {
  const page = '/en/news/science/heatwave-study';
  const { port } = new URL(origin);
  // Another name is refused before it reaches the site or its cache.
  const stranger = await get(origin + page, { host: `stranger.example:${port}` });
  expect(stranger.status).toBe(421);
  const first = await get(origin + page, { host: `localhost:${port}` });
  expect(first.status).toBe(200);
  expect(first.headers['x-cache-status']).toBe('MISS');
  for (const [url, host] of [
    [page, `127.0.0.1:${port}`],
    [`${page}?x=1`, `localhost:${port}`],
    [`${page}?utm_source=feed&x=2`, `news.example.org`],
  ] as const) {
    const answer = await get(origin + url, { host });
    expect(answer.headers['x-cache-status'], `${host}${url}`).toBe('HIT');
    expect(answer.body).toBe(first.body);
  }
  // A payload keeps its own entry, `_rsc` included; an added query string changes nothing.
  const payload = await getPayload(origin + page);
  expect(payload.headers['content-type']).toContain('text/x-component');
  const rscUrl = new URL((await get(origin + page, { RSC: '1' })).headers.location ?? '', origin);
  rscUrl.searchParams.set('x', '1');
  const again = await get(rscUrl.href, { RSC: '1' });
  expect(again.headers['x-cache-status']).toBe('HIT');
  expect(again.headers['content-type']).toContain('text/x-component');
});

test("an article's social image, asked with any query string, is drawn once and kept by the site; it follows the title", async () => {
  const file = path.join(content, 'en/news/sport/cup-final.en.md');
  const image = async (query = '') => {
    const response = await fetch(`${site.origin}/og/en/news/sport/cup-final${query}`);
    return {
      status: response.status,
      cache: response.headers.get('x-nextjs-cache'),
      control: response.headers.get('cache-control'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const drawn = await image();
  expect(drawn.status).toBe(200);
  expect(drawn.control).toMatch(/^public, s-maxage=\d+/);
  const asked = await image('?x=1');
  expect(asked.cache).toBe('HIT');
  expect(asked.bytes.equals(drawn.bytes)).toBe(true);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Underdogs lift the cup after a penalty shoot-out"'));
  // Drawings rest as long as the one before took (lib/rendering/og/socialImage.tsx): no tight bound here.
  const ms = await waitFor(async () => !(await image('?x=2')).bytes.equals(drawn.bytes), 15_000, 'the redrawn social image');
  console.log(`social image redrawn ${ms} ms after its article's title changed`);
  expect((await image()).cache).toBe('HIT');
  // A missing article's image is answered 404, and kept nowhere.
  const none = await fetch(`${site.origin}/og/en/news/sport/no-such-final`);
  expect(none.status).toBe(404);
  expect(none.headers.get('cache-control')).toBe('no-store');
});

test('sitemaps are kept by the site until an article changes; a part past the end is 404 at once', async () => {
  for (const url of ['/sitemap.xml', '/sitemaps/en-1.xml', '/sitemaps/news/en.xml']) {
    await get(site.origin + url);
    const again = await get(site.origin + url);
    expect(again.status, url).toBe(200);
    expect(again.headers['x-nextjs-cache'], url).toBe('HIT');
    expect(again.headers['cache-control'], url).toMatch(/^public, /);
  }
  const past = await get(`${site.origin}/sitemaps/en-99999.xml`);
  expect(past.status).toBe(404);
  expect(past.headers['cache-control']).toBe('no-store');
  writeFileSync(
    path.join(content, 'en/news/city/tram-line-opens.en.md'),
    `---\ntitle: "Tram line opens"\ndate: "${new Date().toISOString().slice(0, 19).replace('T', ' ')}"\ncategories: ["City"]\n---\n\nFirst riders.\n`,
  );
  for (const url of ['/sitemaps/en-1.xml', '/sitemaps/news/en.xml']) {
    await waitFor(async () => (await get(site.origin + url)).body.includes('/en/news/city/tram-line-opens'), 5000, `the new article in ${url}`);
  }
});

test("the shipped file works under Debian's own nginx.conf, beside its default site", async () => {
  test.skip(!existsSync(DEBIAN_CONF), `no ${DEBIAN_CONF}`);
  // Debian's nginx.conf includes conf.d/*.conf, then sites-enabled/* (its default site: a
  // default_server named `_`). The shipped file stands in for conf.d; every server moves to a
  // port of the test's, and logs, pid and temporary files go aside.
  const prefix = mkdtempSync(path.join(tmpdir(), 'broadsheet-debian-nginx-'));
  const onPort = (text: string) => text.replace(/^\s*listen \[::\]:80\b.*$/gm, '').replace(/listen 80\b/g, `listen 127.0.0.1:${DEBIAN_PORT}`);
  const sites = path.join(prefix, 'sites');
  mkdirSync(sites);
  for (const name of existsSync(DEBIAN_SITES) ? readdirSync(DEBIAN_SITES) : []) {
    writeFileSync(path.join(sites, name), onPort(readFileSync(path.join(DEBIAN_SITES, name), 'utf8')));
  }
  const shipped = onPort(readFileSync('deploy/nginx/broadsheet.conf', 'utf8'))
    .replace(/server 127\.0\.0\.1:3000;/, `server 127.0.0.1:${SITE_PORT};`)
    .replace(/\/var\/cache\/nginx\/broadsheet/g, path.join(prefix, 'cache'));
  writeFileSync(path.join(prefix, 'broadsheet.conf'), shipped);
  const temporary = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${prefix}/${kind};`).join(' ');
  const debian = readFileSync(DEBIAN_CONF, 'utf8')
    .replace(/^user\s+[^;]+;/m, process.getuid?.() === 0 ? 'user root;' : '')
    .replace('/etc/nginx/conf.d/*.conf', path.join(prefix, 'broadsheet.conf'))
    .replace(`${DEBIAN_SITES}/*`, `${sites}/*`)
    .replace(/^http\s*{/m, `http { ${temporary}`)
    .replace(/\/var\/log\/nginx\//g, `${prefix}/`)
    .replace(/\/run\/nginx\.pid/g, path.join(prefix, 'nginx.pid'));
  writeFileSync(path.join(prefix, 'nginx.conf'), debian);
  const nginx = spawn(nginxPath, ['-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  nginx.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => nginx.once('exit', resolve));
  try {
    const url = `http://127.0.0.1:${DEBIAN_PORT}/en`;
    await waitFor(async () => (await get(url, { host: 'news.example.org' })).status < 500, 10_000, `nginx under Debian's nginx.conf (${log})`);
    // A server named like the default site's is ignored: every request would go to Debian's page.
    expect(log).not.toContain('conflicting server name');
    const ours = await get(url, { host: 'news.example.org' });
    expect(ours.status).toBe(200);
    expect(ours.body).toContain('<html lang="en"');
    expect(ours.headers['x-cache-status']).toBeDefined();
    // Any other name is Debian's default site's, and never reaches the site or its cache.
    const other = await get(url, { host: 'stranger.example' });
    expect(other.body).not.toContain('<html lang="en"');
    expect(other.headers['x-cache-status']).toBeUndefined();
  } finally {
    nginx.kill('SIGQUIT');
    await exited;
    rmSync(prefix, { recursive: true, force: true });
  }
});
