/**
 * npm run vercel-build (vercel.json's buildCommand): the build Vercel runs. With a PostgreSQL
 * DATABASE_URL it first writes the content folder into the store (npm run sync: only what changed
 * since the last sync, by content hash, so an unchanged archive costs seconds), then builds; the
 * functions then ship without content/ (lib/store/fileTracing.ts) and read every article from the
 * store. Without one it is `npm run build`, the content folder shipped with the functions.
 */
import { spawnSync } from 'node:child_process';

const isPostgres = /^postgres(ql)?:\/\//i.test((process.env.DATABASE_URL ?? '').trim());

/** Runs an npm script with this process's output; stops the build when it fails. */
function run(script) {
  const started = performance.now();
  const result = spawnSync('npm', ['run', script], { stdio: 'inherit', env: process.env });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`[vercel-build] npm run ${script} failed after ${seconds} s${result.signal ? ` (${result.signal})` : ''}: the deployment is not built`);
    process.exit(result.status || 1);
  }
  console.log(`[vercel-build] npm run ${script}: ${seconds} s`);
}

if (isPostgres) run('sync');
else console.log('[vercel-build] no PostgreSQL DATABASE_URL: the functions ship the content folder and build their catalog from it');
run('build');
