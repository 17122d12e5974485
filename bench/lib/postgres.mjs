/**
 * A PostgreSQL for the benchmark's `--store postgres`: a throwaway cluster from Debian's package
 * (initdb and pg_ctl on a temporary folder, as the `postgres` user when run as root), or an
 * existing one named by --database-url; a database of its own in it; `npm run sync` timed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const bin = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

function runAs(owner, tool, args) {
  const binary = path.join(bin, tool);
  if (owner) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'pipe' });
  else execFileSync(binary, args, { stdio: 'pipe' });
}

/**
 * Starts a cluster on `port` with Debian's defaults but for the memory a store of this size
 * wants (the settings docs/benchmarks.md names); fsync stays on, as in production, unless
 * `throwaway` (a test's cluster, never kept).
 */
export function startCluster(port, { throwaway = false } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-bench-pg-'));
  const owner =
    process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : undefined;
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chmodSync(root, 0o700);
  }
  const data = path.join(root, 'data');
  runAs(owner, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', ...(throwaway ? ['--no-sync'] : [])]);
  const durability = throwaway ? ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off' : '';
  const settings = `-p ${port} -k ${root} -c listen_addresses='127.0.0.1' -c shared_buffers=1GB -c maintenance_work_mem=256MB -c max_wal_size=4GB -c max_connections=200${durability}`;
  runAs(owner, 'pg_ctl', ['-D', data, '-l', path.join(root, 'log'), '-o', settings, '-w', '-t', '120', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        runAs(owner, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** A new database in the cluster; its URL. */
export async function createDatabase(clusterUrl) {
  const name = `bench_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `npm run sync` of a folder into the store: wall time and what it reported. */
export function timedSync(databaseUrl, contentDir) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/sync.ts', contentDir], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`npm run sync exited with ${run.status}:\n${run.stderr}`);
  const line = /Synced .* in ([\d.]+) s: (\d+) files, (\d+) read, (\d+) written/.exec(run.stdout);
  return { wallMs: Math.round(performance.now() - started), files: Number(line?.[2]), written: Number(line?.[4]) };
}

/** The store's size on disk (MB), and the full-text index's part of it. */
export async function storeMb(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT pg_database_size(current_database()) AS total, (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('search')) AS search",
    );
    return { totalMb: Math.round(Number(rows[0].total) / 1024 / 1024), searchMb: Math.round(Number(rows[0].search) / 1024 / 1024) };
  } finally {
    await client.end();
  }
}
