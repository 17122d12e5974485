import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/*
 * The address a request came from, as this process's socket saw it: the one thing about a
 * request's origin its sender cannot write. Next.js 16.4 keeps a client's X-Forwarded-For as sent
 * (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), and a route sees no
 * socket. Node's HTTP server announces each request on a diagnostics channel before Next.js reads
 * it; the socket's address is put there into a header whose name this process made up, so no
 * client knows it, and one that did would have its value replaced.
 */

const slot = Symbol.for('broadsheet.connectingAddress');
type State = { header: string; stamping: boolean };
type Slot = { [slot]?: State };

/** Shared through globalThis: instrumentation.ts stamps, each route bundle reads. */
function state(): State {
  const holder = globalThis as Slot;
  holder[slot] ??= { header: `x-broadsheet-connection-${randomUUID()}`, stamping: false };
  return holder[slot];
}

/** The header carrying the connecting address (for tests; it changes with every process). */
export function connectingAddressHeader(): string {
  return state().header;
}

/** From now on, every request this process's HTTP servers receive carries its connecting address. */
export function stampConnectingAddresses(): void {
  const current = state();
  if (current.stamping) return;
  current.stamping = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[current.header] = socket.remoteAddress ?? 'a closed connection';
  });
}

/** The address the request's connection came from; undefined when this process did not see it. */
export function connectingAddress(headers: Headers): string | undefined {
  const { header, stamping } = state();
  return stamping ? (headers.get(header) ?? undefined) : undefined;
}
