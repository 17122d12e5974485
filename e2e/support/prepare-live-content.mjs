// Prepares the live-content server (see liveContent.ts): a fresh copy of the demo content, and a
// copy of the build, because Next.js keeps its page cache inside the build folder and the two
// servers must not share it.
import { cpSync, rmSync } from 'node:fs';

const [contentTarget, buildTarget] = process.argv.slice(2);
for (const [from, to] of [
  ['content', contentTarget],
  ['.next', buildTarget],
]) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
