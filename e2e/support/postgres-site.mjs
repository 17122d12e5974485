// The browser suite's PostgreSQL server (playwright.config.ts, project "postgres"): a throwaway
// PostgreSQL from Debian's package, the demo content written into it with `npm run sync`, then
// `next start` on a copy of the build with DATABASE_URL and an empty content folder, so every page
// comes from the store, as on Vercel or a reading instance. Stops PostgreSQL when it is stopped.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, startCluster, timedSync } from '../../bench/lib/postgres.mjs';

const [port, postgresPort, buildTarget] = process.argv.slice(2);
rmSync(buildTarget, { recursive: true, force: true });
cpSync('.next', buildTarget, { recursive: true });
const empty = mkdtempSync(path.join(tmpdir(), 'broadsheet-e2e-pg-content-'));
const cluster = startCluster(Number(postgresPort), { throwaway: true });
let server;
const stop = () => {
  server?.kill('SIGTERM');
  try {
    cluster.stop();
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
};
process.once('SIGTERM', () => {
  stop();
  process.exit(0);
});
process.once('SIGINT', () => {
  stop();
  process.exit(0);
});
try {
  const databaseUrl = await createDatabase(cluster.url);
  const sync = timedSync(databaseUrl, 'content');
  console.log(`[e2e postgres] ${sync.files} files synced into ${databaseUrl} in ${sync.wallMs} ms`);
  server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', port], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, CONTENT_DIR: empty, NEXT_DIST_DIR: buildTarget },
    stdio: 'inherit',
  });
  server.once('exit', (code) => {
    stop();
    process.exit(code ?? 1);
  });
} catch (error) {
  stop();
  throw error;
}
