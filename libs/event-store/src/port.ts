/**
 * The event store port. Semantics follow EventStoreDB so the esdb adapter stays thin:
 * streams with 0-based revisions, one global order ($all) with a 1-based position,
 * optimistic concurrency through an expected revision, idempotent retries by event id.
 */

/** Who caused an event. `system` covers timers and process managers. */
export interface Actor {
  kind: 'visitor' | 'user' | 'system';
  id: string;
}

export interface EventMetadata {
  /** ISO-8601 instant the fact happened (taken from the command's `now`, not the store's clock). */
  occurredAt: string;
  actor?: Actor;
  correlationId?: string;
  causationId?: string;
}

export interface NewEvent<T extends string = string, D = unknown> {
  /** A UUID. A retried append with the same ids and the same expected revision writes nothing new. */
  id: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

export interface RecordedEvent<T extends string = string, D = unknown> extends NewEvent<T, D> {
  streamId: string;
  /** 0-based revision inside its stream. */
  revision: number;
  /** 1-based global position in $all; strictly increasing in commit order. */
  position: number;
}

/**
 * An event as a reader of what happened sees it (projections): its id, type, place in `$all` and data, without
 * its stream, revision and metadata (who caused it, when it was recorded). A store can leave those columns
 * unread for such a reader: the metadata alone was a sixth of what a rebuild spent per event.
 */
export type DataOnlyEvent<T extends string = string, D = unknown> = Omit<RecordedEvent<T, D>, 'metadata' | 'streamId' | 'revision'>;

/**
 * `any`: no check; `no_stream`: the stream must not exist; `stream_exists`: it must exist;
 * a number: the stream's current last revision must be exactly that.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's last revision after the append (the revision to expect next time). */
  nextExpectedRevision: number;
  /** Global position of the last event written (or found, on an idempotent retry). */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision (forwards: from the first; backwards: from the last). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: 'forwards' | 'backwards';
  /** Forwards: events with position > after. Backwards: events with position < before. */
  after?: number;
  before?: number;
  maxCount?: number;
}

/** A bounded stretch of `$all` for `readDataRange`. */
export interface DataRangeOptions {
  /** Events with position > after … */
  after: number;
  /** … and position <= until. */
  until: number;
  /**
   * The types the reader needs: an adapter may leave every other type out (a reader must still skip any it
   * gets). Absent: every type.
   */
  types?: readonly string[];
}

/**
 * How another thread (or process) opens the same store for reading (`EventStore.locator`); `createEventStore`
 * takes it.
 */
export type EventStoreConfig = { kind: 'sqlite'; path: string; readOnly?: boolean } | { kind: 'esdb'; url: string } | { kind: 'memory' };

export interface SubscribeOptions {
  /** Deliver every event with position > after (0 or absent: from the beginning). */
  after?: number;
}

/**
 * Ordered catch-up, then live: every event with position > after exactly once, in position order,
 * with no gap and no duplicate at the hand-over from history to live.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
  /**
   * The same events a page at a time, for a reader that handles them synchronously (the projector's rebuild:
   * one await per page instead of one per event). Optional: a subscription offers either way of iterating,
   * once.
   */
  pages?(): AsyncIterable<readonly RecordedEvent[]>;
  /**
   * As `pages`, for a reader that never looks at metadata: a catch-up page is read without it (a page of the
   * live window may still carry it, shared with the other readers there). Optional like `pages`; a
   * subscription is iterated once, whichever way.
   */
  dataPages?(): AsyncIterable<readonly DataOnlyEvent[]>;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'esdb' | 'memory';
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  read(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** Position of the last event in $all (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * A stretch of `$all` a page at a time, in position order, without metadata: what a thread catching some
   * projections up in parallel reads (see the projector's `parallel` option). Optional.
   */
  readDataRange?(options: DataRangeOptions): AsyncIterable<readonly DataOnlyEvent[]>;
  /**
   * How another thread opens this same store to read it, for `createEventStore` (read-only where the adapter
   * distinguishes; optional: the memory store cannot be shared; a store that offers it also offers
   * `readDataRange`).
   */
  locator?(): EventStoreConfig;
  close(): Promise<void>;
}

/** Thrown when the expected revision does not match; carries both sides so callers can retry or report. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Where an event id already lives in the store. */
export interface ExistingEventLocation {
  id: string;
  streamId: string;
  revision: number;
  position: number;
}

/**
 * Thrown when some of the appended event ids are already stored but the append is not a retry of the
 * append that stored them (the ids exist only partly, in another stream, or at another place in the
 * stream). Carries where they live so a caller can answer "as the first time" if it wants to.
 * (The esdb adapter cannot raise it: KurrentDB does not enforce unique ids across streams.)
 */
export class DuplicateEventIdError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly existing: readonly ExistingEventLocation[],
  ) {
    super(
      `stream ${streamId}: event id(s) already stored and this append is not a retry of the one that stored them: ` +
        existing.map((e) => `${e.id} (${e.streamId}@${e.revision})`).join(', '),
    );
    this.name = 'DuplicateEventIdError';
  }
}
