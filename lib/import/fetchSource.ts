import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { isPrivateAddress } from './privateAddress';

export interface FetchLimits {
  /** Bytes received, as sent (compressed or not). */
  maxCompressed: number;
  /** Bytes once decompressed. */
  maxDecompressed: number;
  maxRedirects: number;
  /** Follow redirects to private, loopback and link-local addresses too. */
  allowPrivateRedirects: boolean;
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  /** Name resolution: the system's unless told (a test resolves names of its own). */
  lookup?: LookupFunction;
}

const MB = 1024 * 1024;
export const DEFAULT_LIMITS: FetchLimits = {
  maxCompressed: 20 * MB,
  maxDecompressed: 50 * MB,
  maxRedirects: 5,
  allowPrivateRedirects: false,
  timeoutMs: 30_000,
};

export interface Fetched {
  bytes: Buffer;
  /** The Content-Type header, with its charset if it names one. */
  contentType?: string;
}

const ACCEPT = 'application/json, application/feed+json, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const formatBytes = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`);

class PrivateAddressError extends Error {}

/** A lookup that fails when a name resolves to any private address: the one the socket then connects to is checked, not an earlier answer. */
function publicOnly(base: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const found = list.find((entry) => isPrivateAddress(entry.address));
      if (found) return callback(new PrivateAddressError(`${hostname} resolves to ${found.address}, a private address`), '', 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Counts bytes going through, and fails past a limit. */
function capped(limit: number, what: string, flag: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > limit) done(new Error(`${what} more than ${formatBytes(limit)} (${flag})`));
      else done(null, chunk);
    },
  });
}

function decompressor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new Error(`answered in a content encoding the importer cannot read: ${encoding}`);
  }
}

function request(url: URL, lookup: LookupFunction | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // A connection of its own each time (no keep-alive pool): a pooled socket would skip the lookup's check.
    const sent = client.get(url, { agent: false, lookup, signal, headers: { accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' } }, resolve);
    sent.on('error', reject);
  });
}

/** The body of a response, decompressed, within the limits; the socket is dropped as soon as one is passed. */
async function readBody(response: IncomingMessage, limits: FetchLimits, signal: AbortSignal): Promise<Buffer> {
  const announced = Number(response.headers['content-length']);
  if (announced > limits.maxCompressed) {
    response.destroy();
    throw new Error(`announced ${announced} bytes, more than ${formatBytes(limits.maxCompressed)} (--max-compressed)`);
  }
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const decompress = decompressor(response.headers['content-encoding']);
  const steps = [
    capped(limits.maxCompressed, 'sent', '--max-compressed'),
    ...(decompress ? [decompress] : []),
    capped(limits.maxDecompressed, 'decompressed to', '--max-decompressed'),
  ];
  await pipeline([response, ...steps, collect], { signal });
  return Buffer.concat(chunks);
}

/**
 * A source over HTTP(S) by node:http, not fetch: every redirect hop's address is checked where the
 * socket connects (DNS rebinding cannot slip past a check made on an earlier answer), redirects are
 * counted, and the body is capped before and after decompression. The URL the operator named is
 * trusted as given.
 */
export async function fetchSource(location: string, limits: FetchLimits = DEFAULT_LIMITS): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const base = limits.lookup ?? (dnsLookup as unknown as LookupFunction);
  let url = new URL(location);
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`redirected to ${url.href}, which is not http or https`);
      const checked = hop > 0 && !limits.allowPrivateRedirects;
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (checked && isIP(literal) !== 0 && isPrivateAddress(literal)) throw new PrivateAddressError(`${literal} is a private address`);
      let response: IncomingMessage;
      try {
        response = await request(url, checked ? publicOnly(base) : base, signal);
      } catch (error) {
        if (error instanceof PrivateAddressError) throw error;
        throw new Error(`${url.href}: ${(error as Error).message}`);
      }
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status) && response.headers.location) {
        response.destroy();
        if (hop + 1 > limits.maxRedirects) throw new Error(`${location}: more than ${limits.maxRedirects} redirects`);
        url = new URL(response.headers.location, url);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new Error(`${url.href} answered ${status}`);
      }
      try {
        return { bytes: await readBody(response, limits, signal), contentType: response.headers['content-type'] };
      } catch (error) {
        response.destroy();
        throw new Error(`${url.href} ${(error as Error).message}`);
      }
    }
  } catch (error) {
    if (error instanceof PrivateAddressError) {
      throw new Error(`redirected to ${url.href}, refused: ${error.message} (--allow-private-redirects follows such redirects)`);
    }
    if (signal.aborted) throw new Error(`${location}: no answer within ${limits.timeoutMs / 1000} s`);
    throw error;
  }
}
