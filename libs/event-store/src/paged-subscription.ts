/**
 * Catch-up-then-live subscription for the adapters that can read $all by position (memory, sqlite).
 *
 * There is no separate "live" channel to hand over to: the subscription always reads the next page of
 * `position > lastDelivered` from the store, and only when a page comes back empty does it wait for a
 * commit. Catch-up and live are the same query, so the hand-over cannot lose or repeat an event, and a
 * page is only read once the consumer has drained the previous one (backpressure: at most one page is
 * held in memory per subscription, however far behind the consumer is).
 */
import { type AllSubscription, type DataOnlyEvent, type RecordedEvent } from './port';

/** Counts local commits so a waiter can tell whether one happened since it last looked. */
export class CommitSignal {
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  get version(): number {
    return this.seq;
  }

  notify(): void {
    this.seq++;
    const woken = [...this.listeners];
    this.listeners.clear();
    for (const listener of woken) listener();
  }

  /** Calls `listener` once, on the next notify. Returns an unsubscribe function. */
  once(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface PagedSubscriptionOptions {
  /** Reads events with position > after, ascending, at most `limit`. */
  readPage(after: number, limit: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** As `readPage`, for `dataPages`: the metadata may be left out. */
  readDataPage(after: number, limit: number): DataOnlyEvent[] | Promise<DataOnlyEvent[]>;
  signal: CommitSignal;
  after: number;
  pageSize: number;
  /**
   * When set, an idle subscription re-reads every `pollMs` even without a local commit: that is how it
   * sees events committed by another process sharing the same store file.
   */
  pollMs?: number;
  onClose?: () => void;
}

export class PagedAllSubscription implements AllSubscription {
  private after: number;
  private closed = false;
  private iterating = false;
  private wakeIdle: (() => void) | undefined;

  constructor(private readonly options: PagedSubscriptionOptions) {
    this.after = options.after;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.startIterating();
    return this.events();
  }

  pages(): AsyncIterable<readonly RecordedEvent[]> {
    this.startIterating();
    return { [Symbol.asyncIterator]: () => this.readPages(this.options.readPage) };
  }

  dataPages(): AsyncIterable<readonly DataOnlyEvent[]> {
    this.startIterating();
    return { [Symbol.asyncIterator]: () => this.readPages(this.options.readDataPage) };
  }

  close(): Promise<void> {
    this.finish();
    return Promise.resolve();
  }

  private startIterating(): void {
    // One cursor per subscription: two iterators would race on `after` and each see half the events.
    if (this.iterating) throw new Error('subscribeToAll: a subscription can be iterated only once');
    this.iterating = true;
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    for await (const page of this.readPages(this.options.readPage)) {
      for (const event of page) {
        if (this.closed) return;
        yield event;
      }
    }
  }

  private async *readPages<E extends DataOnlyEvent>(readPage: (after: number, limit: number) => E[] | Promise<E[]>): AsyncGenerator<readonly E[]> {
    try {
      while (!this.closed) {
        // Read the commit counter BEFORE the page: a commit landing between the (empty) read and the
        // wait below then bumps it past `seen`, and the wait returns at once instead of missing it.
        const seen = this.options.signal.version;
        let page = await readPage(this.after, this.options.pageSize);
        if (page.length === 0) {
          await this.idle(seen);
          continue;
        }
        // Defensive: never deliver twice or out of order (a page is ascending; only its start can overlap).
        if (page[0]!.position <= this.after) page = page.filter((e) => e.position > this.after);
        if (page.length === 0) continue;
        this.after = page[page.length - 1]!.position;
        yield page;
      }
    } finally {
      this.finish();
    }
  }

  private idle(seen: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.closed || this.options.signal.version !== seen) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        unsubscribe();
        this.wakeIdle = undefined;
        resolve();
      };
      const unsubscribe = this.options.signal.once(done);
      if (this.options.pollMs !== undefined) timer = setTimeout(done, this.options.pollMs);
      this.wakeIdle = done;
    });
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.wakeIdle?.();
    this.options.onClose?.();
  }
}
