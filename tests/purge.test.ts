import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type StartedVarnish, startVarnish, varnishMissing } from '../bench/lib/varnish.mjs';
import type { PurgeBatch } from '@/lib/server/purge/client';
import { PurgePolicy } from '@/lib/server/purge/policy';
import { takedownTag } from '@/lib/server/pageCache/pageTags.mjs';
import { PurgeQueue } from '@/lib/server/purge/queue';
import { surrogateKeyHeaders, surrogateKeys } from '@/lib/server/purge/surrogateKeys';
import { parsePurgeTargets, type PurgeTarget } from '@/lib/server/purge/targets';

/** Ports of this file's own servers (a fake site, Varnish in front of it, a cache that is down). */
const BASE_PORT = Number(process.env.PURGE_TEST_PORT ?? 3470);

describe('surrogate keys', () => {
  it('are the page-cache tags of the page, and a feed carries its list or term', () => {
    expect(surrogateKeys('/en/news/city/harbour-bridge', 'en')).toEqual(
      expect.arrayContaining(['bs:all', 'bs:lang:en', 'bs:path:en/news/city/harbour-bridge', expect.stringMatching(/^bs:side:en:\d+$/)]),
    );
    expect(surrogateKeys('/', 'en')).toEqual(surrogateKeys('/en', 'en'));
    expect(surrogateKeys('/en', 'en')).toContain('bs:list:en');
    expect(surrogateKeys('/zh-CN/index.xml', 'en')).toContain('bs:list:zh-CN');
    expect(surrogateKeys('/en/tags/transport/atom.xml', 'en')).toContain('bs:term:en:tags:transport');
    expect(surrogateKeys('/zh-CN/tags/%E5%A4%A9%E6%B0%94/feed.json', 'en')).toContain('bs:term:zh-CN:tags:%E5%A4%A9%E6%B0%94');
    expect(surrogateKeys('/en/tags/transport/page/2', 'en')).toContain('bs:term:en:tags:transport');
    expect(surrogateKeys('/sitemap.xml', 'en')).toContain('bs:sitemaps');
    expect(surrogateKeys('/sitemaps/en-1.xml', 'en')).toContain('bs:sitemap:en');
    expect(surrogateKeys('/og/en/news/city/harbour-bridge', 'en')).toContain('bs:path:og/en/news/city/harbour-bridge');
    // A language's corrections page carries the key a change to a corrected article names (changeTags.ts).
    expect(surrogateKeys('/zh-HK/corrections', 'en')).toContain('bs:path:zh-HK/corrections');
    expect(surrogateKeys('/zh-HK/corrections', 'en')).not.toContain('bs:list:zh-HK');
  });

  it('go out space-separated for Varnish and Fastly, comma-separated for Cloudflare, with no space or comma inside a key', () => {
    const keys = surrogateKeys('/zh-HK/categories/a%2Cb c', 'en') ?? [];
    for (const key of keys) expect(key).not.toMatch(/[ ,]/);
    const headers = surrogateKeyHeaders(keys);
    expect(headers.xkey.split(' ')).toEqual(keys);
    expect(headers['Surrogate-Key']).toBe(headers.xkey);
    expect(headers['Cache-Tag'].split(',')).toEqual(keys);
  });
});

describe('BROADSHEET_PURGE', () => {
  it('lists caches as kind=url, and a CDN takes its token from its own variable', () => {
    const targets = parsePurgeTargets('varnish=http://127.0.0.1:6081, varnish=http://10.0.0.2:6081/ ,fastly=https://api.fastly.com/service/abc', {
      BROADSHEET_PURGE_FASTLY_TOKEN: 't',
    });
    expect(targets.map((target) => [target.kind, target.url])).toEqual([
      ['varnish', 'http://127.0.0.1:6081'],
      ['varnish', 'http://10.0.0.2:6081'],
      ['fastly', 'https://api.fastly.com/service/abc'],
    ]);
    expect(targets[2]?.token).toBe('t');
    expect(parsePurgeTargets('', {})).toEqual([]);
  });

  it('refuses a malformed entry, naming it', () => {
    expect(() => parsePurgeTargets('squid=http://x', {})).toThrow(/"squid=http:\/\/x" is not kind=url/);
    expect(() => parsePurgeTargets('varnish=127.0.0.1:6081', {})).toThrow(/"varnish=127.0.0.1:6081" is not an http\(s\) URL|has no URL/);
    expect(() => parsePurgeTargets('cloudflare=https://api.cloudflare.com/client/v4/zones/z', {})).toThrow(/BROADSHEET_PURGE_CLOUDFLARE_TOKEN/);
  });
});

describe('which purge each tag gets', () => {
  it('purges a changed article outright, its lists, terms and sidebars softly, and a repeat within seconds softly', () => {
    let now = 0;
    const policy = new PurgePolicy(() => now);
    const change = ['bs:path:en/news/a', 'bs:path:og/en/news/a', 'bs:list:en', 'bs:term:en:tags:x', 'bs:sitemap:en', '_N_T_/en/layout'];
    expect(policy.modes(change, 'expire')).toEqual({
      hard: ['bs:path:en/news/a', 'bs:path:og/en/news/a'],
      soft: ['bs:list:en', 'bs:term:en:tags:x', 'bs:sitemap:en'],
    });
    // The same article changed again within REPEAT_MS (an editor saving twice).
    now = 1500;
    expect(policy.modes(change, 'expire').hard).toEqual([]);
    // A later change to the same article is purged outright again.
    now = 10_000;
    expect(policy.modes(['bs:path:en/news/a'], 'expire').hard).toEqual(['bs:path:en/news/a']);
    // A sidebar's refresh is never outright.
    expect(policy.modes(['bs:side:en:3', 'bs:path:en/news/b'], 'stale')).toEqual({ hard: [], soft: ['bs:side:en:3', 'bs:path:en/news/b'] });
  });

  it('purges every page a takedown names outright, lists and repeats included, and sends the marker nowhere', () => {
    let now = 0;
    const policy = new PurgePolicy(() => now);
    policy.modes(['bs:path:en/news/a'], 'expire');
    // The editor deletes the file a second after saving it: the article and its lists go at once.
    now = 1000;
    const takedown = ['bs:path:en/news/a', 'bs:list:en', 'bs:term:en:tags:x', 'bs:lang:en', takedownTag, '_N_T_/en/layout'];
    expect(policy.modes(takedown, 'expire')).toEqual({ hard: ['bs:path:en/news/a', 'bs:list:en', 'bs:term:en:tags:x', 'bs:lang:en'], soft: [] });
    // The next ordinary change to its lists is soft again.
    now = 2000;
    expect(policy.modes(['bs:list:en'], 'expire')).toEqual({ hard: [], soft: ['bs:list:en'] });
  });
});

const target = (name: string): PurgeTarget => ({ kind: 'varnish', url: `http://${name}`, name });

/** A log that keeps its lines. */
function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { warn: (line: string) => lines.push(`warn ${line}`), info: (line: string) => lines.push(`info ${line}`) } };
}

describe('the purge queue', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('retries a refused purge until it is acknowledged, logging each failure with the cache and the tags', async () => {
    const { lines, log } = recordingLog();
    const sent: PurgeBatch[] = [];
    let refusals = 3;
    const queue = new PurgeQueue({
      targets: [target('edge')],
      retryFirstMs: 1,
      log,
      send: async (_, batch) => {
        sent.push(batch);
        if (refusals-- > 0) throw new Error('answered 503');
      },
    });
    queue.purge(['bs:path:en/a', 'bs:list:en'], 'hard');
    await queue.idle();
    expect(sent).toHaveLength(4);
    expect(sent.at(-1)?.hard.sort()).toEqual(['bs:list:en', 'bs:path:en/a']);
    const warnings = lines.filter((line) => line.startsWith('warn'));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('edge did not purge 2 tag(s) (bs:path:en/a bs:list:en): answered 503');
    expect(lines.at(-1)).toMatch(/info .*edge acknowledged again after 3 failed attempt/);
    expect(queue.pending()).toEqual({ edge: 0 });
  });

  it('sends tags asked for together in one batch per cache; a hard purge covers a soft one; a cache down delays no other', async () => {
    const batches: Record<string, PurgeBatch[]> = { up: [], down: [] };
    let downFails = true;
    const queue = new PurgeQueue({
      targets: [target('up'), target('down')],
      retryFirstMs: 1,
      log: recordingLog().log,
      send: async (to, batch) => {
        batches[to.name]?.push(batch);
        if (to.name === 'down' && downFails) throw new Error('no answer');
      },
    });
    queue.purge(['bs:side:en:3', 'bs:list:en'], 'soft');
    queue.purge(['bs:list:en'], 'hard');
    // The cache that answers has everything while the other is still refusing.
    while (batches.up?.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(batches.up?.[0]).toEqual({ hard: ['bs:list:en'], soft: ['bs:side:en:3'] });
    expect(queue.pending().down).toBe(2);
    downFails = false;
    await queue.idle();
    expect(batches.down?.at(-1)).toEqual({ hard: ['bs:list:en'], soft: ['bs:side:en:3'] });
  });

  it('keeps unacknowledged purges in its journal: a queue started after a stop sends them', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-purge-'));
    const journal = path.join(dir, 'purge-queue.json');
    const first = new PurgeQueue({
      targets: [target('edge')],
      journal,
      retryFirstMs: 60_000,
      log: recordingLog().log,
      send: () => Promise.reject(new Error('down')),
    });
    first.purge(['bs:path:en/gone'], 'hard');
    first.purge(['bs:side:en:1'], 'soft');
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.stop();
    expect(JSON.parse(readFileSync(journal, 'utf8'))).toEqual({ edge: { hard: ['bs:path:en/gone'], soft: ['bs:side:en:1'] } });
    const sent: PurgeBatch[] = [];
    const { lines, log } = recordingLog();
    const second = new PurgeQueue({ targets: [target('edge')], journal, log, send: async (_, batch) => void sent.push(batch) });
    await second.idle();
    expect(sent).toEqual([{ hard: ['bs:path:en/gone'], soft: ['bs:side:en:1'] }]);
    expect(lines.join('\n')).toContain('2 tag(s) for edge were not acknowledged before the last stop');
    expect(existsSync(journal)).toBe(false);
  });
});

/**
 * The shipped VCL on Debian's varnishd, in front of a site of three pages that counts what it is
 * asked: a purge of a tag makes exactly its pages go back to the site, a soft purge serves the
 * kept page while one request fetches it again.
 */
describe.skipIf(varnishMissing() !== undefined)('purging a real Varnish (deploy/varnish/broadsheet.vcl)', () => {
  const asked: Record<string, number> = {};
  let version = 1;
  let site: Server;
  let varnish: StartedVarnish;
  const pages: Record<string, string> = { '/en': 'bs:all bs:list:en', '/en/news/a': 'bs:all bs:path:en/news/a', '/en/news/b': 'bs:all bs:path:en/news/b' };

  beforeAll(async () => {
    site = createServer((request, response) => {
      const url = request.url ?? '/';
      asked[url] = (asked[url] ?? 0) + 1;
      const xkey = pages[url];
      if (!xkey) {
        response.writeHead(404, { 'Cache-Control': 'public, s-maxage=31536000' }).end('missing');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'public, s-maxage=2', xkey }).end(`${url} version ${version}`);
    });
    await new Promise<void>((resolve) => site.listen(BASE_PORT + 1, '127.0.0.1', resolve));
    varnish = await startVarnish({ port: BASE_PORT, upstream: `http://127.0.0.1:${BASE_PORT + 1}` });
  });
  afterAll(async () => {
    await varnish?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  const read = async (url: string) => {
    const response = await fetch(varnish.origin + url);
    return { status: response.status, body: await response.text(), cache: response.headers.get('x-cache-status'), xkey: response.headers.get('xkey') };
  };

  it('keeps pages past their s-maxage until a purge names one of their tags, and only those pages go back to the site', async () => {
    for (const url of Object.keys(pages)) await read(url);
    const before = { ...asked };
    version = 2;
    const queue = new PurgeQueue({ targets: parsePurgeTargets(`varnish=${varnish.origin}`), log: recordingLog().log });
    // Past the 2 s the site's Cache-Control gives: still kept, without the tags a reader needs not see.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const kept = await read('/en');
    expect(kept).toMatchObject({ cache: 'HIT', body: '/en version 1', xkey: null });
    queue.purge(['bs:path:en/news/a', 'bs:list:en'], 'hard');
    await queue.idle();
    expect((await read('/en/news/a')).body).toBe('/en/news/a version 2');
    expect((await read('/en')).body).toBe('/en version 2');
    expect((await read('/en/news/b')).body).toBe('/en/news/b version 1');
    expect(asked['/en/news/a']).toBe((before['/en/news/a'] ?? 0) + 1);
    expect(asked['/en/news/b']).toBe(before['/en/news/b']);
  });

  it('serves a soft-purged page as kept while it fetches it again', async () => {
    const before = asked['/en/news/b'] ?? 0;
    const queue = new PurgeQueue({ targets: parsePurgeTargets(`varnish=${varnish.origin}`), log: recordingLog().log });
    queue.purge(['bs:path:en/news/b'], 'soft');
    await queue.idle();
    const served = await read('/en/news/b');
    expect(served.body).toBe('/en/news/b version 1');
    let fresh = served;
    while (fresh.body !== '/en/news/b version 2') fresh = await read('/en/news/b');
    expect(asked['/en/news/b']).toBe(before + 1);
  });

  it('never keeps an error, whatever its Cache-Control says', async () => {
    await read('/en/missing');
    const again = await read('/en/missing');
    expect(again.status).toBe(404);
    expect(asked['/en/missing']).toBe(2);
  });

  it('refuses a purge from an address outside its ACL (loopback only)', async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!address) return; // No address but loopback here: nothing else can connect.
    const open = await startVarnish({ port: BASE_PORT + 3, host: '0.0.0.0', upstream: `http://127.0.0.1:${BASE_PORT + 1}` });
    try {
      await fetch(`http://${address}:${BASE_PORT + 3}/en`).then((response) => response.text());
      const refused = await fetch(`http://${address}:${BASE_PORT + 3}/`, { method: 'PURGE', headers: { xkey: 'bs:list:en' } });
      expect(refused.status).toBe(403);
      const kept = await fetch(`http://${address}:${BASE_PORT + 3}/en`);
      expect(kept.headers.get('x-cache-status')).toBe('HIT');
      const allowed = await fetch(`http://127.0.0.1:${BASE_PORT + 3}/`, { method: 'PURGE', headers: { xkey: 'bs:list:en' } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('Purged 1');
    } finally {
      await open.stop();
    }
  });

  it('logs a purge no cache answered, naming the cache and the tags', async () => {
    const { lines, log } = recordingLog();
    const queue = new PurgeQueue({ targets: parsePurgeTargets(`varnish=http://127.0.0.1:${BASE_PORT + 2}`), retryFirstMs: 60_000, log });
    queue.purge(['bs:path:en/news/a'], 'hard');
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    queue.stop();
    expect(lines[0]).toContain(
      `warn [purge] varnish http://127.0.0.1:${BASE_PORT + 2} did not purge 1 tag(s) (bs:path:en/news/a): varnish http://127.0.0.1:${BASE_PORT + 2} did not answer (ECONNREFUSED)`,
    );
  });
});
