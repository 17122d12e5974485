import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The live-content tests run a second `next start` on the same build, serving a copy of the demo
 * content from a temporary folder that the tests add to, edit and delete from.
 */
export const liveContentDir = process.env.E2E_LIVE_DIR ?? path.join(tmpdir(), 'broadsheet-e2e-live-content');
export const livePort = Number(process.env.E2E_LIVE_PORT ?? 3101);
