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

/** How long a place the proxy reserved for a results page waits for it. */
const TICKET_MS = 5000;

interface Pending {
  resolve: (value: { result: unknown; ms: number }) => void;
  reject: (error: Error) => void;
}

/**
 * The site's searches, on threads of their own, at most `threads` at once and `queue` more
 * waiting; past that a search is refused at once (SearchBusy), never queued without end. A flood
 * of searches then costs readers of other pages little: the server's own thread only renders.
 * A results page's place is reserved by the proxy (reserve) before the page renders, so the
 * proxy can answer 503 itself and the page, once admitted, always runs.
 */
export class QueryPool {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: { task: Record<string, unknown>; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly tickets = new Map<string, number>();
  private sequence = 0;
  private running = 0;

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
        this.running--;
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

  /** Searches running, waiting, or reserved for a results page on its way. */
  private load(): number {
    const now = Date.now();
    for (const [ticket, expires] of this.tickets) if (expires < now) this.tickets.delete(ticket);
    return this.running + this.waiting.length + this.tickets.size;
  }

  private get capacity(): number {
    return this.threads + this.queue;
  }

  /** A place for one search, or undefined when searches are at their bound. */
  reserve(): string | undefined {
    if (this.load() >= this.capacity) return undefined;
    const ticket = randomUUID();
    this.tickets.set(ticket, Date.now() + TICKET_MS);
    return ticket;
  }

  private submit<T>(task: Record<string, unknown>, ticket: string | null | undefined): Promise<{ result: T; ms: number }> {
    const reserved = ticket ? this.tickets.delete(ticket) : false;
    if (!reserved && this.load() >= this.capacity) return Promise.reject(new SearchBusy());
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
      this.running++;
      worker.postMessage(task);
    }
  }

  /**
   * One page of results. A query with no terms is answered here at once, with nothing: it takes
   * no place and no thread, and gives back the place reserved for it.
   */
  async search(request: SearchRequest, ticket?: string | null): Promise<SearchResponse> {
    if (parseQuery(request.query).length === 0) {
      if (ticket) this.tickets.delete(ticket);
      return { terms: [], total: 0, page: 1, totalPages: 1, results: [] };
    }
    return (await this.submit<SearchResponse>({ kind: 'search', request }, ticket)).result;
  }

  /** The best few titles, and the time spent searching (ms); none at once for a query with no terms. */
  suggest(query: string, lang: string, limit: number): Promise<{ result: ArticleMeta[]; ms: number }> {
    if (parseQuery(query).length === 0) return Promise.resolve({ result: [], ms: 0 });
    return this.submit<ArticleMeta[]>({ kind: 'suggest', query, lang, limit }, undefined);
  }
}
