import path from 'node:path';

/**
 * The live-content tests run a second `next start` on the same build, serving a copy of the demo
 * content from a temporary folder that the tests add to, edit and delete from.
 */
// Inside the checkout (ignored by git), so two checkouts on one machine never share it.
export const liveContentDir = process.env.E2E_LIVE_DIR ?? path.resolve('.e2e-live-content');
export const livePort = Number(process.env.E2E_LIVE_PORT ?? 3101);
