/**
 * Event store on a KurrentDB server / cluster (`EVENTSTORE_URL`, e.g. `kurrentdb://host:2113?tls=false`).
 *
 * EventStoreDB was renamed KurrentDB, and `@eventstore/db-client` was succeeded by the maintained
 * `@kurrent/kurrentdb-client` used here; it speaks to KurrentDB and to EventStoreDB servers >= 22.6 alike.
 * The port follows EventStoreDB semantics, so this adapter is mostly a translation of names and types.
 *
 * Position mapping: our `position` is the event's $all COMMIT position (a byte offset in the server's
 * transaction log) as a JS number. Every event written through gRPC is its own commit record (explicit
 * transactions do not exist over gRPC), so for our events commit === prepare: the commit position alone
 * identifies the event, orders $all strictly, and `{ commit: p, prepare: p }` rebuilds the client's
 * Position from it. Offsets stay exact as numbers up to 2^53 bytes (8 PiB) of log; beyond that we throw
 * rather than round. Unlike the sqlite and memory adapters, positions are therefore strictly increasing
 * but NOT contiguous: nothing may compute `position + 1` or count events by subtracting positions, and
 * `after` / `before` must be 0 or positions this store handed out (an arbitrary number is not a record
 * boundary in the log).
 *
 * Differences the port allows: KurrentDB does not enforce unique event ids across streams, so this
 * adapter never raises DuplicateEventIdError; its idempotent-retry detection is the server's (exact for
 * a numeric / no_stream expectation, best effort for `any`).
 *
 * Needs a server >= 22.6 (stream reads carry the $all position of each event).
 */
import type * as KurrentClient from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendStreamState,
  JSONType,
  KurrentDBClient,
  Position,
  RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { validateAppend } from './append-rules';
import {
  type AllSubscription,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  WrongExpectedRevisionError,
} from './port';

/**
 * The client (gRPC stack plus a native bridge) is loaded on first use, not when '@kefu/event-store' is
 * imported: most processes and every unit test run on sqlite or memory and should not pay ~150 ms for it.
 */
let loadedClient: typeof KurrentClient | undefined;
function kurrent(): typeof KurrentClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedClient ??= require('@kurrent/kurrentdb-client') as typeof KurrentClient;
  return loadedClient;
}

export class KurrentEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new Set<KurrentAllSubscription>();
  private closed = false;

  /** @param connection a connection string (`kurrentdb://…`, `esdb://…`) or a client to share */
  constructor(connection: string | KurrentDBClient) {
    this.client = typeof connection === 'string' ? kurrent().KurrentDBClient.connectionString(connection) : connection;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    const proposed = events.map((e) =>
      // The client JSON.stringifies `data` whatever its type; JSONType is only its declared shape.
      kurrent().jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: toServerMetadata(e.metadata) }),
    );
    let result;
    try {
      result = await this.client.appendToStream(streamId, proposed, { streamState: toStreamState(expected) });
    } catch (error) {
      throw translateAppendError(streamId, expected, error);
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    if (!result.success) {
      // Only reached when the client was built with throwOnAppendFailure=false; -1 means "no stream".
      throw new WrongExpectedRevisionError(streamId, expected, nextExpectedRevision < 0 ? 'no_stream' : nextExpectedRevision);
    }
    // The server reports the position of the write's last event — except on an idempotent retry, where
    // it reports none; then the position is the one that last event got the first time.
    const position = result.position ? toNumber(result.position) : await this.positionOfRevision(streamId, nextExpectedRevision);
    return { nextExpectedRevision, position };
  }

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const backwards = options.direction === 'backwards';
    const fromRevision =
      options.fromRevision === undefined ? (backwards ? kurrent().END : kurrent().START) : BigInt(Math.max(0, Math.floor(options.fromRevision)));
    const out: RecordedEvent[] = [];
    try {
      const events = this.client.readStream(streamId, {
        direction: backwards ? kurrent().BACKWARDS : kurrent().FORWARDS,
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of events) {
        if (resolved.event) out.push(toRecorded(resolved.event));
      }
    } catch (error) {
      if (error instanceof Error && kurrent().isCommandError(error) && error.type === kurrent().ErrorType.STREAM_NOT_FOUND) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = options.maxCount ?? Infinity;
    if (max <= 0) return [];
    const after = options.after ?? 0;
    const before = options.before ?? Infinity;
    const backwards = options.direction === 'backwards';
    const events = this.client.readAll({
      direction: backwards ? kurrent().BACKWARDS : kurrent().FORWARDS,
      // A forwards read from a position includes the event at it, a backwards one starts just before
      // it; the bounds are re-checked below either way, so one extra event is read for the boundary.
      fromPosition: backwards ? (options.before !== undefined ? toPosition(before) : kurrent().END) : after > 0 ? toPosition(after) : kurrent().START,
      maxCount: max === Infinity ? Number.MAX_SAFE_INTEGER : max + 1,
      filter: kurrent().excludeSystemEvents(),
    });
    const out: RecordedEvent[] = [];
    for await (const resolved of events) {
      if (!resolved.event) continue;
      const event = toRecorded(resolved.event);
      if (backwards ? event.position <= after : event.position >= before) break;
      if (event.position <= after || event.position >= before) continue;
      out.push(event);
      if (out.length >= max) break;
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const after = options.after ?? 0;
    const source = this.client.subscribeToAll({
      // The server starts a subscription just after the given position; the adapter still drops
      // anything at or before `after`, so the bound holds however the server treats it.
      fromPosition: after > 0 ? toPosition(after) : kurrent().START,
      filter: kurrent().excludeSystemEvents(),
    });
    const subscription: KurrentAllSubscription = new KurrentAllSubscription(source, after, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    for await (const resolved of this.client.readAll({
      direction: kurrent().BACKWARDS,
      fromPosition: kurrent().END,
      maxCount: 1,
      filter: kurrent().excludeSystemEvents(),
    })) {
      if (resolved.event) return toRecorded(resolved.event).position;
    }
    return 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private async positionOfRevision(streamId: string, revision: number): Promise<number> {
    const [event] = await this.read(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event || event.revision !== revision) {
      throw new Error(`stream ${streamId}: the server acknowledged revision ${revision} but it cannot be read back`);
    }
    return event.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/**
 * Iterates the client's subscription (a Readable, so it pauses the gRPC stream when the consumer is
 * slow: bounded buffering). The client's stream does not end when cancelled, so `close()` must end a
 * pending `next()` itself instead of waiting for the stream to finish.
 */
class KurrentAllSubscription implements AllSubscription {
  private closed = false;
  private iterating = false;
  private signalClosed!: () => void;
  private readonly closedSignal = new Promise<'closed'>((resolve) => {
    this.signalClosed = () => resolve('closed');
  });

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly after: number,
    private readonly onClose: () => void,
  ) {
    // Errors reach the consumer through next(); without a listener a late one would crash the process.
    source.on('error', () => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('subscribeToAll: a subscription can be iterated only once');
    this.iterating = true;
    return this.events();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    this.onClose();
    await this.source.unsubscribe();
    this.source.destroy();
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    const iterator = this.source[Symbol.asyncIterator]();
    let last = this.after;
    try {
      while (!this.closed) {
        const next = await Promise.race([iterator.next(), this.closedSignal]);
        if (next === 'closed' || next.done) return;
        const resolved: AllStreamResolvedEvent = next.value;
        if (!resolved.event) continue;
        const event = toRecorded(resolved.event);
        if (event.position <= last) continue; // the boundary event, or a redelivery after a reconnect
        last = event.position;
        yield event;
      }
    } catch (error) {
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return kurrent().ANY;
    case 'no_stream':
      return kurrent().NO_STREAM;
    case 'stream_exists':
      return kurrent().STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function translateAppendError(streamId: string, expected: ExpectedRevision, error: unknown): unknown {
  if (error instanceof Error && kurrent().isCommandError(error) && error.type === kurrent().ErrorType.WRONG_EXPECTED_VERSION) {
    const actual = error.actualState;
    // Deleted / tombstoned streams report negative revisions; for our purposes they hold no events.
    return new WrongExpectedRevisionError(streamId, expected, actual === 'no_stream' || actual < 0n ? 'no_stream' : Number(actual));
  }
  return error;
}

function toNumber(position: Position): number {
  const n = Number(position.commit);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`$all commit position ${position.commit} does not fit a safe integer`);
  return n;
}

function toPosition(n: number): Position {
  const p = BigInt(n);
  return { commit: p, prepare: p };
}

/**
 * KurrentDB reads `$correlationId` / `$causationId` from event metadata (its by-correlation projection
 * and UI use them), so they are written there too; they are stripped again on read.
 */
function toServerMetadata(metadata: EventMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = { ...metadata };
  if (metadata.correlationId !== undefined) out['$correlationId'] = metadata.correlationId;
  if (metadata.causationId !== undefined) out['$causationId'] = metadata.causationId;
  // Drop undefined fields the way a JSON round trip does, so this adapter returns what the others do.
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

function fromServerMetadata(raw: unknown): EventMetadata {
  const parsed = decodeJson(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { occurredAt: '' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) if (!key.startsWith('$')) out[key] = value;
  return out as unknown as EventMetadata;
}

/** Events written by other tools may be binary; JSON in bytes is decoded, anything else passed as is. */
function decodeJson(value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8')) as unknown;
  } catch {
    return value;
  }
}

function toRecorded(event: KurrentRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(`event ${event.id} in ${event.streamId} came without its $all position: KurrentDB / EventStoreDB >= 22.6 is required`);
  }
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toNumber(event.position),
    data: decodeJson(event.data),
    metadata: fromServerMetadata(event.metadata),
  };
}
