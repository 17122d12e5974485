import type pg from 'pg';
import type { ChangeFeed, ChangeRecord, StorePosition } from '@/lib/store/types';
import { openClient } from './connection';

/** The channel each write transaction notifies, with the change's number as payload. */
export const CHANGES_CHANNEL = 'broadsheet_changes';

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/** The change log from after `seq`, oldest first; undefined when the log no longer reaches back that far. */
export async function changesSince(db: pg.Pool | pg.PoolClient | pg.Client, seq: number): Promise<ChangeRecord[] | undefined> {
  const pruned = await db.query<{ value: string }>({ name: 'feed_pruned', text: "SELECT value FROM meta WHERE key = 'changes_pruned'" });
  if (seq < Number(pruned.rows[0]?.value ?? 0)) return undefined;
  const { rows } = await db.query<{ seq: number; refresh: string }>({
    name: 'feed_since',
    text: 'SELECT seq, refresh FROM changes WHERE seq > $1 ORDER BY seq',
    values: [seq],
  });
  return rows.map((row) => ({ seq: row.seq, ...JSON.parse(row.refresh) }) as ChangeRecord);
}

export async function position(db: pg.Pool | pg.PoolClient): Promise<StorePosition> {
  const { rows } = await db.query<{ id: string | null; seq: number }>({
    name: 'feed_position',
    text: "SELECT (SELECT value FROM meta WHERE key = 'id') AS id, coalesce((SELECT max(seq) FROM changes), (SELECT value::int8 FROM meta WHERE key = 'changes_pruned'), 0)::int8 AS seq",
  });
  return { id: rows[0]?.id ?? '', seq: rows[0]?.seq ?? 0 };
}

/**
 * The store's change log, and a listener for it: one connection LISTENs on the channel every
 * write transaction notifies at its commit (by this instance or any other), and each
 * notification is followed by reading the log after the last change delivered, so a lost
 * notification or a dropped connection loses nothing. A connection that drops is made again
 * (waits doubling to 5 s) and catches up from the log; a log that no longer reaches back that
 * far is told as one bulk change (refresh everything).
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(record: ChangeRecord) => void>();
  private client: pg.Client | undefined;
  private delivered: number | undefined;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private catchingUp: Promise<void> = Promise.resolve();
  private again = false;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly onError: (message: string) => void = (message) => console.warn(`[store] ${message}`),
  ) {}

  position(): Promise<StorePosition> {
    return position(this.pool);
  }

  changesSince(seq: number): Promise<ChangeRecord[] | undefined> {
    return changesSince(this.pool, seq);
  }

  onChange(listener: (record: ChangeRecord) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && !this.client && !this.reconnectTimer) void this.listen();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopListening();
    };
  }

  /** Settles once the listening connection is up (for tests and for a server that wants to know). */
  async listening(): Promise<void> {
    while (!this.closed && this.listeners.size > 0 && !this.client) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = openClient(this.url, 'broadsheet-changes');
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners();
      client.end().catch(() => undefined);
      if (error) this.onError(`the change feed's connection was lost (${error.message}); reconnecting`);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', () => this.catchUp());
    try {
      await client.connect();
      if (this.delivered === undefined) this.delivered = (await position(this.pool)).seq;
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.end().catch(() => undefined);
      this.onError(`the change feed could not connect (${(error as Error).message}); retrying`);
      this.scheduleReconnect();
      return;
    }
    if (this.closed || this.listeners.size === 0) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_FIRST_MS;
    // Whatever was committed while no connection listened.
    this.catchUp();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.listeners.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.listen();
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }

  /** Reads the log after the last change delivered and delivers it, one reading at a time. */
  private catchUp(): void {
    if (this.again) return;
    this.again = true;
    this.catchingUp = this.catchingUp.then(async () => {
      this.again = false;
      if (this.delivered === undefined) return;
      try {
        const records = await changesSince(this.pool, this.delivered);
        if (records === undefined) {
          const now = await position(this.pool);
          this.delivered = now.seq;
          this.deliver({ seq: now.seq, bulk: true });
          return;
        }
        for (const record of records) {
          this.delivered = record.seq;
          this.deliver(record);
        }
      } catch (error) {
        this.onError(`reading the change log failed (${(error as Error).message}); retrying on the next change`);
      }
    });
  }

  private deliver(record: ChangeRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (error) {
        this.onError(`a change listener failed: ${(error as Error).stack ?? error}`);
      }
    }
  }

  private stopListening(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.delivered = undefined;
    if (client) {
      client.removeAllListeners();
      client.end().catch(() => undefined);
    }
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.stopListening();
  }
}
