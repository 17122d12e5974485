#!/usr/bin/env node
/**
 * Completes a standalone build (BROADSHEET_OUTPUT=standalone next build) into a folder that runs
 * with `node server.js` alone: Next.js traces the server code, the content folder and the fonts
 * into `<distDir>/standalone`, but leaves the browser assets and public/ for the host to serve;
 * here they are copied in beside the server.
 *
 *   node scripts/assemble-standalone.mjs [distDir]
 */
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';

const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next';
const standalone = path.join(distDir, 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error(`${standalone}/server.js is missing: build with BROADSHEET_OUTPUT=standalone first`);
  process.exit(1);
}
cpSync(path.join(distDir, 'static'), path.join(standalone, distDir, 'static'), { recursive: true });
cpSync('public', path.join(standalone, 'public'), { recursive: true });
console.log(`${standalone} is complete: run \`node server.js\` in it (PORT, HOSTNAME and CONTENT_DIR as needed)`);
