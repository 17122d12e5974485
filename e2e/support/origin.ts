/**
 * Where the browser tests reach the servers they start. Production servers are usually bound to
 * loopback behind a reverse proxy, so the tests bind theirs to 127.0.0.1 too (vercel/next.js#94745
 * broke every 404 in exactly that setup while tests on `localhost` passed).
 */
export const testHost = '127.0.0.1';
export const mainPort = Number(process.env.E2E_PORT ?? 3100);
export const mainOrigin = `http://${testHost}:${mainPort}`;

/** Whether a URL the browser requested is served by one of the test servers, not another host. */
export const isTestServer = (url: string) => new URL(url).hostname === testHost;
