import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '@/lib/import/decodeText';
import { DEFAULT_LIMITS, type FetchLimits } from '@/lib/import/fetchSource';
import { importItems } from '@/lib/import/importItems';
import { isPrivateAddress } from '@/lib/import/privateAddress';
import { loadSource, resolveSources } from '@/lib/import/sources';

/*
 * The importer against an upstream that is hostile or merely foreign: responses too big before
 * or after decompression, redirects into this machine's network, feeds in GBK and Big5. Everything
 * is served by a server this test starts on 127.0.0.1.
 */

const charsets = path.resolve('tests/fixtures/import/charsets');
const MB = 1024 * 1024;
const requested: string[] = [];
let server: http.Server;
let base: string;
let port: number;

/** 64 MB of spaces inside a JSON list, gzipped to about 64 KB: more than the 50 MB default once decompressed. */
const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"data": ['), Buffer.alloc(64 * MB, ' '), Buffer.from(']}')]), { level: 9 });
const rss = readFileSync('tests/fixtures/import/feeds/rss.xml');

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = request.url ?? '';
    requested.push(url);
    const hop = /^\/hop\/(\d+)$/.exec(url);
    if (hop) {
      const left = Number(hop[1]);
      response.writeHead(302, { location: left > 1 ? `/hop/${left - 1}` : '/rss.xml' }).end();
      return;
    }
    const redirects: Record<string, string> = {
      '/to-loopback': `http://127.0.0.1:${port}/rss.xml`,
      '/to-localhost-v6': `http://[::1]:${port}/rss.xml`,
      '/to-mapped': `http://[::ffff:127.0.0.1]:${port}/rss.xml`,
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/to-name': `http://feeds.example.test:${port}/rss.xml`,
      '/to-file': 'file:///etc/passwd',
    };
    if (redirects[url]) {
      response.writeHead(302, { location: redirects[url] }).end();
      return;
    }
    switch (url) {
      case '/rss.xml':
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
        return;
      case '/bomb.json':
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
        return;
      case '/big.json':
        // 2 MB as it is, announced with no length (chunked): counted as it comes.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"data": [');
        response.end(`${' '.repeat(2 * MB)}]}`);
        return;
      case '/announced.json':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(30 * MB) });
        response.write('{"data": [');
        return; // Never finished: the importer must give up on the announcement alone.
      case '/gbk.xml':
        // The charset only in the XML declaration.
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(readFileSync(path.join(charsets, 'gbk-rss.xml')));
        return;
      case '/big5.xml':
        // The charset only in the header.
        response.writeHead(200, { 'content-type': 'application/atom+xml; charset=big5' }).end(readFileSync(path.join(charsets, 'big5-atom.xml')));
        return;
      default:
        response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let content: string | undefined;
afterEach(() => {
  if (content) rmSync(content, { recursive: true, force: true });
  content = undefined;
});

async function load(url: string, limits: Partial<FetchLimits> = {}) {
  const [ref] = resolveSources(url, 'net', { ...DEFAULT_LIMITS, ...limits });
  return loadSource(ref!);
}

/** Names of this test's own: feeds.example.test is 127.0.0.1, whatever DNS says. */
const testLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname !== 'feeds.example.test') return callback(new Error(`unknown host ${hostname}`), '', 0);
  if (options.all)
    return (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  callback(null, '127.0.0.1', 4);
};

describe('caps on what a source sends', () => {
  it('fails a gzip bomb with a clear message once it passes the decompressed cap (50 MB by default)', async () => {
    expect(bomb.length).toBeLessThan(DEFAULT_LIMITS.maxCompressed);
    await expect(load(`${base}/bomb.json`)).rejects.toThrow(/bomb\.json decompressed to more than 50 MB \(--max-decompressed\)/);
  });

  it('fails a response bigger than the compressed cap as it comes, or as soon as it announces it', async () => {
    await expect(load(`${base}/big.json`, { maxCompressed: MB })).rejects.toThrow(/big\.json sent more than 1 MB \(--max-compressed\)/);
    await expect(load(`${base}/announced.json`)).rejects.toThrow(/announced 31457280 bytes, more than 20 MB \(--max-compressed\)/);
  });

  it('takes both caps from flags or the environment of npm run import', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-net-'));
    let stdout = '';
    try {
      await promisify(execFile)(
        process.execPath,
        [
          'node_modules/tsx/dist/cli.mjs',
          'scripts/import.ts',
          `${base}/big.json`,
          `${base}/bomb.json`,
          `${base}/rss.xml`,
          '--source',
          'net',
          '--content',
          content,
          '--max-decompressed',
          '1MB',
        ],
        { env: { ...process.env, IMPORT_MAX_COMPRESSED: '512KB' } },
      );
    } catch (error) {
      stdout = (error as { stdout: string }).stdout;
    }
    expect(stdout).toMatch(/big\.json: could not be read: .*sent more than 512 KB \(--max-compressed\)/);
    expect(stdout).toMatch(/bomb\.json: could not be read: .*decompressed to more than 1 MB \(--max-decompressed\)/);
    expect(stdout).toMatch(/rss\.xml: 2 read, 2 written/);
  }, 60_000);
});

describe('redirects', () => {
  it('refuses a redirect to loopback, link-local or a private network, however it is written, without connecting', async () => {
    requested.length = 0;
    await expect(load(`${base}/to-loopback`)).rejects.toThrow(
      /redirected to http:\/\/127\.0\.0\.1:\d+\/rss\.xml, refused: 127\.0\.0\.1 is a private address \(--allow-private-redirects/,
    );
    await expect(load(`${base}/to-localhost-v6`)).rejects.toThrow(/refused: ::1 is a private address/);
    await expect(load(`${base}/to-mapped`)).rejects.toThrow(/refused: ::ffff:7f00:1 is a private address/);
    await expect(load(`${base}/to-metadata`)).rejects.toThrow(/redirected to http:\/\/169\.254\.169\.254\/latest\/meta-data\/, refused/);
    await expect(load(`${base}/to-file`)).rejects.toThrow(/redirected to file:\/\/\/etc\/passwd, which is not http or https/);
    expect(requested).not.toContain('/rss.xml');
  });

  it('checks the address a redirect’s host name resolves to when it connects, so DNS cannot slip it past', async () => {
    requested.length = 0;
    await expect(load(`${base}/to-name`, { lookup: testLookup })).rejects.toThrow(
      /redirected to http:\/\/feeds\.example\.test:\d+\/rss\.xml, refused: feeds\.example\.test resolves to 127\.0\.0\.1, a private address/,
    );
    expect(requested).not.toContain('/rss.xml');
    // Allowed, the same redirect is followed through the same lookup.
    expect((await load(`${base}/to-name`, { lookup: testLookup, allowPrivateRedirects: true })).items).toHaveLength(2);
  });

  it('follows redirects to private addresses when allowed, five at most', async () => {
    expect((await load(`${base}/to-loopback`, { allowPrivateRedirects: true })).items).toHaveLength(2);
    expect((await load(`${base}/hop/5`, { allowPrivateRedirects: true })).items).toHaveLength(2);
    await expect(load(`${base}/hop/6`, { allowPrivateRedirects: true })).rejects.toThrow(/hop\/6: more than 5 redirects/);
  });

  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    const blocked = [
      '127.0.0.1',
      '127.255.255.254',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fe80::1%eth0',
      'febf::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '::ffff:10.0.0.1',
      '::ffff:c0a8:101',
      '64:ff9b::a00:1',
      'ff02::1',
    ];
    const allowed = [
      '8.8.8.8',
      '93.184.216.34',
      '172.32.0.1',
      '172.15.255.255',
      '192.169.0.1',
      '2606:4700::6810:84e5',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2001:4860:4860::8888',
    ];
    for (const address of blocked) expect(isPrivateAddress(address), address).toBe(true);
    for (const address of allowed) expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe('charsets', () => {
  const frontMatter = (file: string) =>
    yaml.load(
      readFileSync(file, 'utf8')
        .split('\n---\n')[0]!
        .replace(/^---\n/, ''),
      { schema: yaml.CORE_SCHEMA },
    ) as Record<string, unknown>;
  const articles = (dir: string) =>
    (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
  const importOptions = (dir: string, language?: string) => ({
    contentDir: dir,
    languages: ['en', 'zh-CN', 'zh-HK'],
    languageMap: { 'zh-TW': 'zh-HK' },
    timeZone: 'Asia/Shanghai',
    update: false,
    language,
  });

  it('reads a GBK feed that says so only in its XML declaration', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-net-'));
    expect(await importItems(await load(`${base}/gbk.xml`), importOptions(content))).toMatchObject({ written: 2 });
    const bridge = path.join(content, 'zh-CN/news/net/hekou-bridge.zh-CN.md');
    expect(frontMatter(bridge)).toMatchObject({ title: '河口新桥今晨通车', categories: ['net'] });
    expect(readFileSync(bridge, 'utf8')).toContain('横跨河口的新桥今天早上正式通车，首班公交车七点整驶过桥面。');
    expect(readFileSync(path.join(content, 'zh-CN/news/net/hekou-fishing.zh-CN.md'), 'utf8')).toContain('title: "渔港休渔期提前结束"');
  });

  it('reads a Big5 feed that says so only in its Content-Type header', async () => {
    content = mkdtempSync(path.join(tmpdir(), 'broadsheet-net-'));
    expect(await importItems(await load(`${base}/big5.xml`), importOptions(content, 'zh-TW'))).toMatchObject({ written: 1 });
    const [article] = articles(content);
    expect(path.relative(content, article!)).toMatch(/^zh-HK\/news\/net\/.+\.zh-HK\.md$/);
    expect(frontMatter(article!)).toMatchObject({
      title: '山區纜車恢復行駛',
      summary: '因強風停駛三天的山區纜車，今天上午恢復正常行駛，乘客排隊等候約半小時。',
    });
  });

  it('reads a GBK file on disk by its declaration too', async () => {
    const [ref] = resolveSources(path.join(charsets, 'gbk-rss.xml'), 'disk');
    expect((await loadSource(ref!)).items.map((item) => item.title)).toEqual(['河口新桥今晨通车', '渔港休渔期提前结束']);
  });

  it('decodes by the header, else the XML declaration, else a byte-order mark, else UTF-8, and names a charset it cannot decode', () => {
    const gbk = Buffer.from([0xba, 0xd3, 0xbf, 0xda]); // 河口 in GBK
    const declared = (encoding: string, body: Buffer) =>
      Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${encoding}"?><t>`), body, Buffer.from('</t>')]);
    expect(decodeText(declared('GBK', gbk))).toContain('<t>河口</t>');
    // The header wins over the declaration.
    expect(decodeText(declared('big5', gbk), 'application/xml; charset="gb18030"')).toContain('<t>河口</t>');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": "河口"}', 'utf16le')]))).toBe('{"a": "河口"}');
    expect(decodeText(Buffer.from('\uFEFF{"a": "河口"}'))).toBe('{"a": "河口"}');
    expect(decodeText(Buffer.from('{"a": "河口"}'))).toBe('{"a": "河口"}');
    expect(() => decodeText(declared('x-no-such-charset', gbk))).toThrow(
      /its XML declaration names the charset "x-no-such-charset", which the importer cannot decode/,
    );
  });
});
