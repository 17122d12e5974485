/*
 * The catalog as a server process runs it (lib/catalog/index.ts: the writer's thread, its parse
 * and search threads), alone, for tests that kill it: CONTENT_DIR and BROADSHEET_CACHE_DIR say
 * where. Prints each change's number as it is committed, and the server's own log lines.
 */
import { getContent } from '@/lib/store/sqlite/catalog';

const content = getContent();
content.onChange((change) => console.info(`[progress] ${change.seq} batch(es) committed`));
await content.ready;
setInterval(() => undefined, 1000);
