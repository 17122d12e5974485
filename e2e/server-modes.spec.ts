import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decoded, get, waitFor } from './support/http';
import { buildStandalone, freshCopy, hasNginx, nginxPath, type Started, startNext, startNginx, startStandalone } from './support/servers';

/**
 * The site started every way an operator starts it: `next start` with no host and with each of
 * -H 127.0.0.1, 0.0.0.0 and localhost; the standalone server with HOSTNAME set to each; and behind
 * nginx sending its own Host header. In each, a missing page answers the localized 404 at once
 * (bound to 127.0.0.1 it used to hang for 30 s and answer 500: vercel/next.js#94745), old and
 * slash-ended URLs redirect, pages answer, and a new article reaches the home page, which needs
 * the server's request to its own revalidation route.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const PORT = 3210;
const NGINX_PORT = 3211;

let content: string;
let build: string;
let standalone: string;
let articleCount = 0;

test.beforeAll(() => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-modes-content'));
  // The main test server uses .next; these servers write their page caches into a copy.
  build = freshCopy('.next', '.next-modes');
});

test.afterAll(() => {
  for (const folder of [content, build]) if (folder) rmSync(folder, { recursive: true, force: true });
});

/** What every way of starting must answer. `origin` is where the test reaches it. */
async function checkServer(origin: string, headers: Record<string, string> = {}) {
  // A fresh server's first page renders cold (seconds on a busy machine); the bound below is for
  // the ones after it. A server that cannot reach itself fails here, at the timeout.
  expect((await get(`${origin}/en/news/x/warm-up`, headers, 5000)).status).toBe(404);
  for (const [url, lang, heading] of [
    ['/en/news/x/nope', 'en', 'Page not found'],
    ['/zh-CN/tags/no-such-tag', 'zh-CN', '页面不存在'],
    ['/xx/news/anything', 'en', 'Page not found'],
    ['/en/news/%2e%2e/%2e%2e/package.json', 'en', 'Page not found'],
  ] as const) {
    const answer = await get(origin + url, headers, 3000);
    expect(answer.status, url).toBe(404);
    expect(answer.ms, `${url} answered in ${Math.round(answer.ms)} ms`).toBeLessThan(1000);
    expect(answer.body).toContain(`<html lang="${lang}"`);
    expect(answer.body).toContain(`<h1 class="page-title">${heading}</h1>`);
  }

  for (const [from, to] of [
    ['/zh-cn/news/tech/ai-summit.zh-cn/', '/zh-CN/news/tech/ai-summit'],
    ['/en/news/city/harbour-bridge-reopens/', '/en/news/city/harbour-bridge-reopens'],
  ] as const) {
    const answer = await get(origin + from, headers);
    expect(answer.status, from).toBe(308);
    // Relative, or on the host the reader asked for: never the server's own address.
    const location = new URL(answer.headers.location ?? '', `http://${headers.host ?? 'reader.invalid'}`);
    expect(location.pathname).toBe(to);
    if (headers.host) expect(location.host).toBe(headers.host);
    else expect(answer.headers.location).toBe(to);
  }

  const home = await get(`${origin}/en`, headers);
  expect(home.status).toBe(200);
  expect(home.body).toContain('<html lang="en"');
  // Canonical links, feeds and social images are built from baseUrl, never from the address the
  // server is bound to or the Host it was asked for.
  for (const url of ['/en', '/en/index.xml', '/en/news/city/harbour-bridge-reopens']) {
    const answer = await get(origin + url, headers);
    expect(answer.status, url).toBe(200);
    expect(answer.body, url).not.toMatch(new RegExp(`:${PORT}\\b|news\\.example\\.org`));
  }

  // The site compresses with Brotli for clients that take it (a cache in front stores that once),
  // gzip for the others, and not at all for the rest: the same page each time.
  const plainHome = await get(`${origin}/en`, headers);
  for (const [accepts, encoding] of [
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
  ] as const) {
    const answer = await get(`${origin}/en`, { ...headers, 'Accept-Encoding': accepts });
    expect(answer.headers['content-encoding'], accepts).toBe(encoding);
    expect(answer.headers.vary, accepts).toContain('Accept-Encoding');
    expect(decoded(answer), accepts).toBe(plainHome.body);
  }
  expect(plainHome.headers['content-encoding']).toBeUndefined();

  // A new article is live on the cached home page within 5 s.
  const title = `Ferry timetable change ${++articleCount}`;
  writeFileSync(
    path.join(content, `en/news/city/ferry-change-${articleCount}.en.md`),
    `---\ntitle: "${title}"\ndate: "2026-11-29 12:0${articleCount}:00"\ncategories: ["City"]\ntags: ["transport"]\n---\n\nNew sailings.\n`,
  );
  await waitFor(async () => (await get(`${origin}/en`, headers)).body.includes(title), 5000, `"${title}" on the home page`);
  const article = await get(`${origin}/en/news/city/ferry-change-${articleCount}`, headers);
  expect(article.status).toBe(200);
}

async function withServer(start: () => Promise<Started>, check: (server: Started) => Promise<void>) {
  const server = await start();
  try {
    await check(server);
    expect(server.log()).not.toContain('Failed to proxy');
  } finally {
    await server.stop();
  }
}

for (const host of [undefined, '127.0.0.1', '0.0.0.0', 'localhost']) {
  test(`next start ${host ? `-H ${host}` : 'with no host'}`, async () => {
    await withServer(
      () => startNext({ distDir: build, contentDir: content, host, port: PORT, probeHost: host === 'localhost' ? 'localhost' : '127.0.0.1' }),
      (server) => checkServer(server.origin),
    );
  });
}

test.describe('the standalone server', () => {
  test.beforeAll(() => {
    test.setTimeout(240_000);
    standalone = buildStandalone('.next-standalone');
  });

  for (const hostname of ['127.0.0.1', '0.0.0.0', 'localhost']) {
    test(`HOSTNAME=${hostname} node server.js`, async () => {
      await withServer(
        () =>
          startStandalone({ folder: standalone, contentDir: content, hostname, port: PORT, probeHost: hostname === 'localhost' ? 'localhost' : '127.0.0.1' }),
        (server) => checkServer(server.origin),
      );
    });
  }
});

test('behind nginx, which sends the site’s own name as Host, with the site bound to 127.0.0.1', async () => {
  test.skip(!hasNginx(), `no nginx at ${nginxPath} (CI installs Debian's nginx-light)`);
  await withServer(
    () => startNext({ distDir: build, contentDir: content, host: '127.0.0.1', port: PORT }),
    async () => {
      const nginx = await startNginx({ port: NGINX_PORT, upstreamPort: PORT });
      try {
        await checkServer(nginx.origin, { host: 'news.example.org' });
      } finally {
        await nginx.stop();
      }
    },
  );
});
