/*
 * A real PostgreSQL for the tests, from Debian's `postgresql` package: a temporary cluster made
 * with initdb and started with pg_ctl on a free port and a socket folder of its own, stopped and
 * removed at the end. No Docker, no imitation. initdb refuses to run as root, so as root the
 * cluster belongs to the `postgres` user the package creates.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Where Debian puts the binaries; POSTGRES_BIN says otherwise. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(POSTGRES_BIN, tool)))
      return `PostgreSQL is not installed (${path.join(POSTGRES_BIN, tool)} is missing: apt-get install postgresql)`;
  }
  return undefined;
}

export interface Cluster {
  /** postgres://… of the cluster's maintenance database. */
  url: string;
  port: number;
  stop(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the user who owns the cluster. */
function runAs(owner: { uid: number; gid: number } | undefined, tool: string, args: string[]): void {
  const binary = path.join(POSTGRES_BIN, tool);
  if (owner) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'pipe' });
  else execFileSync(binary, args, { stdio: 'pipe' });
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Creates and starts a throwaway cluster; fsync off (a test cluster is never kept). */
export async function startCluster(port?: number): Promise<Cluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-pg-'));
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chmodSync(root, 0o700);
  }
  const data = path.join(root, 'data');
  const chosen = port ?? (await freePort());
  try {
    runAs(owner, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = [
      `-p ${chosen}`,
      `-k ${root}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    runAs(owner, 'pg_ctl', ['-D', data, '-l', path.join(root, 'log'), '-o', settings, '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start PostgreSQL in ${root}: ${(error as Error).message}\n${stderr}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${chosen}/postgres`,
    port: chosen,
    stop() {
      try {
        runAs(owner, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

let databases = 0;

/** A new, empty database in the cluster (one per test file, or per test), and its URL. */
export async function createDatabase(clusterUrl: string, prefix = 'test'): Promise<string> {
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${++databases}_${Date.now().toString(36)}`;
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
