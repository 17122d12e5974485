import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleMeta } from '@/lib/content/types';
import { fromSources, spawnFromSources } from '@/lib/catalog/spawnThread';
import type { SearchRequest, SearchResponse } from './articleSearch';
import { parseQuery } from './tokenize';

/** Thrown when searches are already at their bound: the route answers 503 with Retry-After. */
export class SearchBusy extends Error {
  override readonly name = 'SearchBusy';

  constructor() {
    super('too many searches at once');
  }
}

/**
 * Whether an error is SearchBusy. By name, not `instanceof`: the pool is shared through
 * globalThis, and each route bundle carries its own copy of this class.
 */
export function isSearchBusy(error: unknown): boolean {
  return error instanceof Error && error.name === 'SearchBusy';
}

/**
 * How long a results page holds its place at most (its search and its render); it gives the
 * place back once sent (release), and one that never says so loses it after this.
 */
const PLACE_MS = 5000;
/** How long a search waits in line for a place before it is refused. */
const LINE_MS = 5000;
/** The longest rest between one search's page and the next in line's (see release). */
const MAX_REST_MS = 1000;

interface Pending {
  resolve: (value: { result: unknown; ms: number }) => void;
  reject: (error: Error) => void;
}

interface Place {
  /** When it was taken (ms). */
  since: number;
  timer: NodeJS.Timeout;
  /** A place is good for one search. */
  searched: boolean;
}

/**
 * The site's searches, on threads of their own: at most `threads` at once, `queue` more waiting
 * in line for a place; past that a search is refused at once (SearchBusy), never queued without
 * end. A results page's place is taken by the proxy (admit) before the page renders, so the
 * proxy can answer 503 itself and the page, once admitted, always runs; and it is held until the
 * page has been sent (release). Rendering a results page costs the server's own thread three
 * times what its search costs a search thread: bounding searches alone, a flood kept that
 * thread busy with results pages, and readers of other pages waited behind them.
 */
export class QueryPool {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: { task: Record<string, unknown>; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly places = new Map<string, Place>();
  private readonly line: { admit: (ticket: string | undefined) => void; timer: NodeJS.Timeout }[] = [];
  /** Places resting between a page and the next in line. */
  private resting = 0;
  private sequence = 0;

  constructor(
    files: { file: string; searchFile: string; dir: string; typographer: boolean },
    readonly threads = Math.max(1, Math.min(2, availableParallelism() - 1)),
    readonly queue = 8,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = fromSources()
        ? spawnFromSources(import.meta.url, 'queryWorker.ts', files)
        : new Worker(new URL('./queryWorker.ts', import.meta.url), { workerData: files });
      worker.unref();
      worker.on('message', (message: { id: number; result?: unknown; ms: number; error?: string }) => {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        this.idle.push(worker);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve({ result: message.result, ms: message.ms });
        this.dispatch();
      });
      worker.on('error', (error) => console.error(`[search] a search thread failed: ${error.stack ?? error.message}`));
      return worker;
    });
    this.idle = [...this.workers];
  }

  /**
   * A place for one search and its page: at once when one is free, after those ahead in line
   * otherwise (waiting costs nothing), or undefined, at once, when the line is full too.
   */
  admit(): Promise<string | undefined> {
    if (this.free) return Promise.resolve(this.take());
    if (this.line.length >= this.queue) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const entry = {
        admit: resolve,
        timer: setTimeout(() => {
          this.line.splice(this.line.indexOf(entry), 1);
          resolve(undefined);
        }, LINE_MS),
      };
      this.line.push(entry);
    });
  }

  /**
   * Gives back a place: its page has been sent. When others wait in line, the next one gets it
   * after a rest as long as this one held it (at most MAX_REST_MS), so that a flood of searches
   * takes at most about half of the server's time, however little of a core the server has.
   */
  release(ticket: string | null | undefined): void {
    const place = ticket ? this.places.get(ticket) : undefined;
    if (!place) return;
    clearTimeout(place.timer);
    this.places.delete(ticket as string);
    if (this.line.length === 0) return;
    this.resting++;
    setTimeout(
      () => {
        this.resting--;
        this.admitWaiting();
      },
      Math.min(Date.now() - place.since, MAX_REST_MS),
    );
  }

  private get free(): boolean {
    return this.places.size + this.resting < this.threads;
  }

  private admitWaiting(): void {
    while (this.line.length > 0 && this.free) {
      const next = this.line.shift()!;
      clearTimeout(next.timer);
      next.admit(this.take());
    }
  }

  private take(): string {
    const ticket = randomUUID();
    const timer = setTimeout(() => this.release(ticket), PLACE_MS);
    timer.unref();
    this.places.set(ticket, { since: Date.now(), timer, searched: false });
    return ticket;
  }

  /** Runs a task in the place `ticket` holds, or in one of its own for as long as it runs. */
  private async submit<T>(task: Record<string, unknown>, ticket: string | null | undefined): Promise<{ result: T; ms: number }> {
    const place = ticket ? this.places.get(ticket) : undefined;
    if (place && !place.searched) {
      place.searched = true;
      return this.run<T>(task);
    }
    const own = await this.admit();
    if (!own) throw new SearchBusy();
    try {
      return await this.run<T>(task);
    } finally {
      this.release(own);
    }
  }

  private run<T>(task: Record<string, unknown>): Promise<{ result: T; ms: number }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task: { ...task, id: ++this.sequence }, pending: { resolve: resolve as Pending['resolve'], reject } });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const { task, pending } = this.waiting.shift()!;
      const worker = this.idle.pop()!;
      this.pending.set(task.id as number, pending);
      worker.postMessage(task);
    }
  }

  /**
   * One page of results, in the place `ticket` holds (taken by admit) or, without one, in a place
   * of its own for as long as it runs. A query with no terms is answered here at once, with
   * nothing: it takes no place and no thread.
   */
  async search(request: SearchRequest, ticket?: string | null): Promise<SearchResponse> {
    if (parseQuery(request.query).length === 0) return { terms: [], total: 0, page: 1, totalPages: 1, results: [] };
    return (await this.submit<SearchResponse>({ kind: 'search', request }, ticket)).result;
  }

  /** The best few titles, and the time spent searching (ms); none at once for a query with no terms. */
  async suggest(query: string, lang: string, limit: number): Promise<{ result: ArticleMeta[]; ms: number }> {
    if (parseQuery(query).length === 0) return { result: [], ms: 0 };
    return this.submit<ArticleMeta[]>({ kind: 'suggest', query, lang, limit }, undefined);
  }
}
