/*
 * Vitest's global setup: one PostgreSQL cluster for the whole run (initdb takes a second or two;
 * each test file makes its own database in it). Where the binaries are missing, the PostgreSQL
 * tests skip and say why (postgresMissing).
 */
import type { TestProject } from 'vitest/node';
import { type Cluster, postgresMissing, startCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's maintenance database, or '' when there is none. */
    postgresUrl: string;
    /** Why there is none. */
    postgresMissing: string;
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const missing = postgresMissing();
  if (!missing) cluster = await startCluster(process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined);
  project.provide('postgresUrl', cluster?.url ?? '');
  project.provide('postgresMissing', missing ?? '');
}

export function teardown(): void {
  cluster?.stop();
  cluster = undefined;
}
