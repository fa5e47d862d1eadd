/**
 * In-process event store for unit tests and throw-away runs. It answers exactly like the sqlite adapter
 * (same append rules, same JSON round trip of data and metadata), so a test passing against it says
 * something about production; it is just not durable and not shared between processes.
 */
import { decideAppend, validateAppend } from './append-rules';
import { CommitSignal, PagedAllSubscription } from './paged-subscription';
import {
  type AllSubscription,
  type AppendResult,
  type DataOnlyEvent,
  type DataRangeOptions,
  type EventStore,
  type ExistingEventLocation,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from './port';

/**
 * Data and metadata are kept as JSON text and parsed on every read: a consumer mutating what it read
 * cannot change the store, and values JSON cannot carry (undefined, Date, Map) come back the way the
 * durable adapters give them back instead of passing silently here and failing in production.
 */
interface StoredEvent {
  id: string;
  type: string;
  streamId: string;
  revision: number;
  position: number;
  data: string;
  metadata: string;
}

const SUBSCRIPTION_PAGE = 256;

export class MemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  /** $all; position p lives at index p - 1. */
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly signal = new CommitSignal();
  private readonly subscriptions = new Set<PagedAllSubscription>();
  private closed = false;

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    const stream = this.streams.get(streamId);
    const lastRevision = stream && stream.length > 0 ? stream.length - 1 : undefined;
    const existing = events.map((e): ExistingEventLocation | undefined => {
      const hit = this.byId.get(e.id);
      return hit && { id: hit.id, streamId: hit.streamId, revision: hit.revision, position: hit.position };
    });
    const verdict = decideAppend(streamId, events, expected, lastRevision, existing);
    if (verdict.kind === 'retry') return verdict.result;

    // Serialise everything before touching the maps so an unserialisable payload writes nothing.
    const rows = events.map((e) => ({ e, data: toJson(e.data), metadata: toJson(e.metadata) }));
    const target = stream ?? [];
    if (!stream) this.streams.set(streamId, target);
    let last: StoredEvent | undefined;
    rows.forEach(({ e, data, metadata }, i) => {
      last = {
        id: e.id,
        type: e.type,
        streamId,
        revision: verdict.firstRevision + i,
        position: this.all.length + 1,
        data,
        metadata,
      };
      this.all.push(last);
      target.push(last);
      this.byId.set(last.id, last);
    });
    this.signal.notify();
    // validateAppend guarantees at least one event, so `last` is set.
    return { nextExpectedRevision: last!.revision, position: last!.position };
  }

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const max = options.maxCount ?? Infinity;
    if (options.direction === 'backwards') {
      const from = Math.min(options.fromRevision ?? stream.length - 1, stream.length - 1);
      const out: RecordedEvent[] = [];
      for (let r = from; r >= 0 && out.length < max; r--) out.push(toRecorded(stream[r]!));
      return out;
    }
    const from = Math.max(options.fromRevision ?? 0, 0);
    return stream.slice(from, from + max).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    // Both bounds apply in both directions; direction only decides which end the page starts from.
    const after = Math.max(options.after ?? 0, 0);
    const before = Math.min(options.before ?? Infinity, this.all.length + 1);
    const max = options.maxCount ?? Infinity;
    const out: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      for (let p = before - 1; p > after && out.length < max; p--) out.push(toRecorded(this.all[p - 1]!));
    } else {
      for (let p = after + 1; p < before && out.length < max; p++) out.push(toRecorded(this.all[p - 1]!));
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const stored = (after: number, limit: number): StoredEvent[] => this.all.slice(Math.max(after, 0), Math.max(after, 0) + limit);
    const subscription: PagedAllSubscription = new PagedAllSubscription({
      readPage: (after, limit) => stored(after, limit).map(toRecorded),
      readDataPage: (after, limit) => stored(after, limit).map(toDataOnly),
      signal: this.signal,
      after: options.after ?? 0,
      pageSize: SUBSCRIPTION_PAGE,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.all.length;
  }

  async *readDataRange(options: DataRangeOptions): AsyncGenerator<readonly DataOnlyEvent[]> {
    this.assertOpen();
    const only = options.types && new Set(options.types);
    const until = Math.min(options.until, this.all.length);
    for (let after = Math.max(options.after, 0); after < until && !this.closed; after += SUBSCRIPTION_PAGE) {
      const page = this.all.slice(after, Math.min(after + SUBSCRIPTION_PAGE, until));
      yield (only ? page.filter((e) => only.has(e.type)) : page).map(toDataOnly);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON.stringify(undefined) is undefined, not a string; store null like the sqlite adapter does.
  return json === undefined ? 'null' : json;
}

function toDataOnly(e: StoredEvent): DataOnlyEvent {
  return { id: e.id, type: e.type, position: e.position, data: JSON.parse(e.data) as unknown };
}

function toRecorded(e: StoredEvent): RecordedEvent {
  return {
    id: e.id,
    type: e.type,
    streamId: e.streamId,
    revision: e.revision,
    position: e.position,
    data: JSON.parse(e.data) as unknown,
    metadata: JSON.parse(e.metadata) as RecordedEvent['metadata'],
  };
}
