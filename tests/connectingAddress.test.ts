import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectingAddress, connectingAddressHeader, stampConnectingAddresses } from '@/lib/server/connectingAddress';

/** A server that answers with what connectingAddress reads from the request, as a route sees its headers. */
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    response.end(JSON.stringify({ address: connectingAddress(headers) ?? null, forwardedFor: headers.get('x-forwarded-for') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = async (headers: Record<string, string>) =>
  (await (await fetch(`http://127.0.0.1:${port}/`, { headers })).json()) as { address: string | null; forwardedFor: string | null };

describe('the connecting address', () => {
  it('is unknown, whatever a client claims, until the server stamps requests', async () => {
    const answer = await ask({ 'x-forwarded-for': '203.0.113.7', [connectingAddressHeader()]: '203.0.113.8' });
    // The client's claim is only a header: it reaches the route as written.
    expect(answer.forwardedFor).toBe('203.0.113.7');
    expect(answer.address).toBeNull();
  });

  it('is the socket the request came on, not what a client writes in any header', async () => {
    stampConnectingAddresses();
    stampConnectingAddresses();
    expect(await ask({})).toEqual({ address: '127.0.0.1', forwardedFor: null });
    const forged = await ask({ 'x-forwarded-for': '203.0.113.7', [connectingAddressHeader()]: '203.0.113.8' });
    expect(forged).toEqual({ address: '127.0.0.1', forwardedFor: '203.0.113.7' });
    // The header's name is this process's own: a client cannot know it.
    expect(connectingAddressHeader()).toMatch(/^x-broadsheet-connection-[0-9a-f-]{36}$/);
  });
});
