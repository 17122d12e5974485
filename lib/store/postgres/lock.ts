import type pg from 'pg';
import { openClient, WRITER_LOCK } from './connection';

/** The writer lock stayed held elsewhere for longer than the caller would wait. */
export class WriterBusy extends Error {}

/**
 * The store's one writer: a session-level advisory lock, held by the connection the writer
 * writes through. Instances that want to write wait for it; when the holder stops (or its
 * process dies: PostgreSQL ends the session, and the lock with it), the next one takes over.
 * Writing through the connection that holds the lock means a writer can never write after losing
 * it: the lock and the connection go together.
 */
export class WriterSession {
  private constructor(
    readonly client: pg.Client,
    private lost: Error | undefined = undefined,
  ) {
    client.on('error', (error) => (this.lost ??= error));
    client.on('end', () => (this.lost ??= new Error('the connection ended')));
  }

  /**
   * Connects and takes the writer lock, waiting while another instance holds it (`onWaiting` is
   * told once, when it is held elsewhere).
   */
  static async acquire(url: string, onWaiting?: () => void, waitMs?: number): Promise<WriterSession> {
    const client = openClient(url, 'broadsheet-writer');
    await client.connect();
    const session = new WriterSession(client);
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [WRITER_LOCK]);
      if (!rows[0]?.locked) {
        onWaiting?.();
        // A bounded wait gives up with 55P03 (lock_not_available): an advisory lock obeys lock_timeout.
        if (waitMs !== undefined) await client.query(`SET lock_timeout = ${Math.max(1, Math.round(waitMs))}`);
        await client.query('SELECT pg_advisory_lock($1)', [WRITER_LOCK]);
        if (waitMs !== undefined) await client.query('RESET lock_timeout');
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: string }).code === '55P03')
        throw new WriterBusy(`another instance held the store's writer lock for more than ${Math.round((waitMs ?? 0) / 1000)} s`);
      throw error;
    }
    return session;
  }

  /** Why the session (and with it the lock) was lost, if it was. */
  get failure(): Error | undefined {
    return this.lost;
  }

  async release(): Promise<void> {
    if (!this.lost) await this.client.query('SELECT pg_advisory_unlock($1)', [WRITER_LOCK]).catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}
