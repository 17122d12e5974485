import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type PurgeBatch, sendPurge } from './client';
import type { PurgeTarget } from './targets';

export type PurgeMode = 'hard' | 'soft';

export interface PurgeQueueOptions {
  targets: readonly PurgeTarget[];
  /** Sends one batch to one cache (client.ts); rejects when the cache did not acknowledge it. */
  send?: (target: PurgeTarget, batch: PurgeBatch) => Promise<void>;
  /**
   * A file that keeps what is not yet acknowledged, so a server stopped meanwhile sends it
   * after its restart. None: kept in memory only.
   */
  journal?: string;
  /** Tags asked for within this long go out in one request per cache. */
  gatherMs?: number;
  /** The first retry's delay, doubled after each failure up to `retryMaxMs`. */
  retryFirstMs?: number;
  retryMaxMs?: number;
  log?: Pick<Console, 'warn' | 'info'>;
}

interface TargetState {
  target: PurgeTarget;
  hard: Set<string>;
  soft: Set<string>;
  /** The batch sent and not yet answered. */
  sending?: PurgeBatch;
  timer?: NodeJS.Timeout;
  /** When the timer fires. */
  due: number;
  failures: number;
}

type Journal = Record<string, { hard: string[]; soft: string[] }>;

/** How a log line names tags: the first few, then how many more. */
export function tagList(tags: readonly string[], shown = 8): string {
  const head = tags.slice(0, shown).join(' ');
  return tags.length > shown ? `${head} and ${tags.length - shown} more` : head;
}

/**
 * Purges tags from every cache in front, each on its own: a cache that is down delays no other.
 * Tags asked for together go out together; a purge that fails is logged (naming the cache and
 * the tags) and sent again after a delay doubling up to `retryMaxMs`, or as soon as more is asked
 * for, merged with it, until the cache acknowledges it. A hard purge of a tag covers a soft one.
 */
export class PurgeQueue {
  private readonly states: TargetState[];
  private readonly send: (target: PurgeTarget, batch: PurgeBatch) => Promise<void>;
  private readonly gatherMs: number;
  private readonly retryFirstMs: number;
  private readonly retryMaxMs: number;
  private readonly log: Pick<Console, 'warn' | 'info'>;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: PurgeQueueOptions) {
    this.states = options.targets.map((target) => ({ target, hard: new Set(), soft: new Set(), due: 0, failures: 0 }));
    this.send = options.send ?? sendPurge;
    this.gatherMs = options.gatherMs ?? 5;
    this.retryFirstMs = options.retryFirstMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.log = options.log ?? console;
    this.resume();
  }

  /** Asks every cache to purge `tags`. */
  purge(tags: readonly string[], mode: PurgeMode): void {
    if (tags.length === 0 || this.stopped) return;
    for (const state of this.states) {
      for (const tag of tags) {
        if (mode === 'hard') {
          state.hard.add(tag);
          state.soft.delete(tag);
        } else if (!state.hard.has(tag)) state.soft.add(tag);
      }
      // Sent soon even while retrying after a failure: a cache back up gets it within the second.
      this.schedule(state, this.gatherMs);
    }
    this.writeJournal();
  }

  /** Resolves once every cache has acknowledged everything asked so far. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Tags not yet acknowledged, by cache. */
  pending(): Record<string, number> {
    return Object.fromEntries(this.states.map((state) => [state.target.name, state.hard.size + state.soft.size + countOf(state.sending)]));
  }

  /** Stops sending; what is unacknowledged stays in the journal for the next start. */
  stop(): void {
    this.stopped = true;
    for (const state of this.states) clearTimeout(state.timer);
  }

  private isIdle(): boolean {
    return this.states.every((state) => !state.sending && state.hard.size === 0 && state.soft.size === 0);
  }

  /** Sends what is pending after `delay`, or sooner if it was due sooner. */
  private schedule(state: TargetState, delay: number): void {
    if (state.sending || this.stopped) return;
    if (state.timer && state.due <= Date.now() + delay) return;
    clearTimeout(state.timer);
    state.due = Date.now() + delay;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.flush(state);
    }, delay);
    state.timer.unref?.();
  }

  private async flush(state: TargetState): Promise<void> {
    if (state.sending || (state.hard.size === 0 && state.soft.size === 0)) return;
    const batch: PurgeBatch = { hard: [...state.hard], soft: [...state.soft] };
    state.hard.clear();
    state.soft.clear();
    state.sending = batch;
    try {
      await this.send(state.target, batch);
      if (state.failures > 0) this.log.info(`[purge] ${state.target.name} acknowledged again after ${state.failures} failed attempt(s)`);
      state.failures = 0;
      state.sending = undefined;
      if (state.hard.size + state.soft.size > 0) this.schedule(state, 0);
    } catch (error) {
      state.sending = undefined;
      for (const tag of batch.hard) state.hard.add(tag);
      for (const tag of batch.soft) if (!state.hard.has(tag)) state.soft.add(tag);
      state.failures++;
      const delay = Math.min(this.retryMaxMs, this.retryFirstMs * 2 ** (state.failures - 1));
      const tags = [...state.hard, ...state.soft];
      this.log.warn(
        `[purge] ${state.target.name} did not purge ${tags.length} tag(s) (${tagList(tags)}): ${(error as Error).message}; ` +
          `attempt ${state.failures}, next in ${delay} ms`,
      );
      this.schedule(state, delay);
    }
    this.writeJournal();
    if (this.isIdle()) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Sends what a server stopped before: the journal's tags for the caches still configured. */
  private resume(): void {
    const file = this.options.journal;
    if (!file) return;
    let journal: Journal;
    try {
      journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    } catch {
      return; // None, or unreadable: nothing kept.
    }
    for (const state of this.states) {
      const kept = journal[state.target.name];
      if (!kept) continue;
      for (const tag of kept.hard ?? []) state.hard.add(tag);
      for (const tag of kept.soft ?? []) if (!state.hard.has(tag)) state.soft.add(tag);
      const count = state.hard.size + state.soft.size;
      if (count > 0) {
        this.log.info(`[purge] ${count} tag(s) for ${state.target.name} were not acknowledged before the last stop: sending them now`);
        this.schedule(state, 0);
      }
    }
    for (const name of Object.keys(journal)) {
      if (!this.states.some((state) => state.target.name === name))
        this.log.warn(`[purge] ${name} is no longer in BROADSHEET_PURGE: its unacknowledged purges are dropped`);
    }
  }

  private writeJournal(): void {
    const file = this.options.journal;
    if (!file) return;
    const journal: Journal = {};
    for (const state of this.states) {
      const hard = [...state.hard, ...(state.sending?.hard ?? [])];
      const soft = [...state.soft, ...(state.sending?.soft ?? [])];
      if (hard.length + soft.length > 0) journal[state.target.name] = { hard, soft };
    }
    try {
      if (Object.keys(journal).length === 0) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(journal));
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      this.log.warn(`[purge] the purges not yet acknowledged cannot be kept in ${file} (${(error as Error).message}): a restart now would lose them`);
    }
  }
}

function countOf(batch: PurgeBatch | undefined): number {
  return batch ? batch.hard.length + batch.soft.length : 0;
}
