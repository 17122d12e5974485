import { randomUUID } from 'node:crypto';
import { SearchBusy } from './busy';

/**
 * How long a results page holds its place at most (its search and its render); it gives the
 * place back once sent (release), and one that never says so loses it after this.
 */
const PLACE_MS = 5000;
/** How long a search waits in line for a place before it is refused. */
const LINE_MS = 5000;
/** The longest rest between one search's page and the next in line's (see release). */
const MAX_REST_MS = 1000;

interface Place {
  /** When it was taken (ms). */
  since: number;
  timer: NodeJS.Timeout;
  /** A place is good for one search. */
  searched: boolean;
}

/**
 * The places among the searches the site runs at once, whichever engine runs them: at most
 * `places` at once, `queue` more waiting in line; past that a search is refused at once
 * (SearchBusy), never queued without end. A results page's place is taken by the proxy (admit)
 * before the page renders, so the proxy can answer 503 itself and the page, once admitted, always
 * runs; and it is held until the page has been sent (release). Rendering a results page costs the
 * server's own thread three times what its search costs: bounding searches alone, a flood kept
 * that thread busy with results pages, and readers of other pages waited behind them.
 */
export class SearchAdmission {
  private readonly held = new Map<string, Place>();
  private readonly line: { admit: (ticket: string | undefined) => void; timer: NodeJS.Timeout }[] = [];
  /** Places resting between a page and the next in line. */
  private resting = 0;

  constructor(
    readonly places: number,
    readonly queue: number,
  ) {}

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
    const place = ticket ? this.held.get(ticket) : undefined;
    if (!place) return;
    clearTimeout(place.timer);
    this.held.delete(ticket as string);
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

  /** Runs `work` in the place `ticket` holds, or in one of its own for as long as it runs; SearchBusy when none is to be had. */
  async within<T>(ticket: string | null | undefined, work: () => Promise<T>): Promise<T> {
    const place = ticket ? this.held.get(ticket) : undefined;
    if (place && !place.searched) {
      place.searched = true;
      return work();
    }
    const own = await this.admit();
    if (!own) throw new SearchBusy();
    try {
      return await work();
    } finally {
      this.release(own);
    }
  }

  private get free(): boolean {
    return this.held.size + this.resting < this.places;
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
    this.held.set(ticket, { since: Date.now(), timer, searched: false });
    return ticket;
  }
}
