import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleMeta } from '@/lib/content/types';
import { SearchAdmission } from '@/lib/search/admission';
import type { SearchRequest, SearchResponse } from '@/lib/search/articleSearch';
import { parseQuery } from '@/lib/search/tokenize';
import { fromSources, spawnFromSources } from '@/lib/store/ingest/spawnThread';
import type { SearchService } from '../types';

export { isSearchBusy, SearchBusy } from '@/lib/search/busy';

interface Pending {
  resolve: (value: { result: unknown; ms: number }) => void;
  reject: (error: Error) => void;
}

/**
 * The SQLite engine's searches, on threads of their own (queryWorker.ts, below the server's own
 * thread in priority), as many as the admission's places: one per core beyond the first, at
 * most two. Admission (places, line, refusals) is the site's, lib/search/admission.ts.
 */
export class QueryPool implements SearchService {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: { task: Record<string, unknown>; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly admission: SearchAdmission;
  private sequence = 0;

  constructor(
    files: { file: string; searchFile: string; typographer: boolean },
    readonly threads = Math.max(1, Math.min(2, availableParallelism() - 1)),
    readonly queue = 8,
  ) {
    this.admission = new SearchAdmission(threads, queue);
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

  admit(): Promise<string | undefined> {
    return this.admission.admit();
  }

  release(ticket: string | null | undefined): void {
    this.admission.release(ticket);
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
    return (await this.admission.within(ticket, () => this.run<SearchResponse>({ kind: 'search', request }))).result;
  }

  /** The best few titles, and the time spent searching (ms); none at once for a query with no terms. */
  async suggest(query: string, lang: string, limit: number): Promise<{ result: ArticleMeta[]; ms: number }> {
    if (parseQuery(query).length === 0) return { result: [], ms: 0 };
    return this.admission.within(undefined, () => this.run<ArticleMeta[]>({ kind: 'suggest', query, lang, limit }));
  }
}
