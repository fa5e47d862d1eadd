/**
 * The append decision shared by the adapters that own their storage (memory, sqlite), so both give the
 * same answer to the same situation. Pure: the caller looks up the stream's last revision and where each
 * event id already lives (inside its write transaction, for sqlite) and applies the verdict.
 */
import { type AppendResult, DuplicateEventIdError, type ExistingEventLocation, type ExpectedRevision, type NewEvent, WrongExpectedRevisionError } from './port';

/** Rejects malformed appends before they reach a transaction, so a bad call cannot fail a whole batch. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('append: streamId must be a non-empty string');
  if (streamId.startsWith('$')) throw new TypeError(`append: stream ${streamId}: '$'-prefixed streams are reserved for the store`);
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new TypeError(`append: stream ${streamId}: expected revision must be 'any', 'no_stream', 'stream_exists' or an integer >= 0, got ${expected}`);
    }
  } else if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') {
    throw new TypeError(`append: stream ${streamId}: unknown expected revision ${String(expected)}`);
  }
  // An empty append has no position to answer with; every caller appends at least one decided event.
  if (events.length === 0) throw new TypeError(`append: stream ${streamId}: nothing to append`);
  const seen = new Set<string>();
  for (const e of events) {
    if (typeof e.id !== 'string' || e.id.length === 0) throw new TypeError(`append: stream ${streamId}: every event needs an id`);
    if (typeof e.type !== 'string' || e.type.length === 0) throw new TypeError(`append: stream ${streamId}: event ${e.id} needs a type`);
    if (e.type.startsWith('$')) throw new TypeError(`append: stream ${streamId}: '$'-prefixed event types are reserved for the store`);
    if (!e.metadata || typeof e.metadata.occurredAt !== 'string') {
      throw new TypeError(`append: stream ${streamId}: event ${e.id} needs metadata.occurredAt`);
    }
    if (seen.has(e.id)) throw new TypeError(`append: stream ${streamId}: event id ${e.id} appears twice in one append`);
    seen.add(e.id);
  }
}

export type AppendVerdict =
  /** Write the events at revisions `firstRevision`, `firstRevision + 1`, ... */
  | { kind: 'write'; firstRevision: number }
  /** Every id is already stored by an earlier identical append: write nothing, answer this. */
  | { kind: 'retry'; result: AppendResult };

/**
 * EventStoreDB semantics: an append whose ids are all stored, as one contiguous run in this stream, in
 * this order, starting where the expected revision says (revision 0 for `no_stream`, `expected + 1` for a
 * number, anywhere for `any` / `stream_exists`) is a retry and answers what the first attempt answered —
 * even when the stream has moved on since. Ids stored in any other shape are a conflict. Otherwise the
 * expected revision decides.
 *
 * @param lastRevision the stream's last revision, or undefined when it has no events
 * @param existing for each event (same order), where its id is stored, or undefined
 */
export function decideAppend(
  streamId: string,
  events: readonly Pick<NewEvent, 'id'>[],
  expected: ExpectedRevision,
  lastRevision: number | undefined,
  existing: readonly (ExistingEventLocation | undefined)[],
): AppendVerdict {
  const found = existing.filter((e): e is ExistingEventLocation => e !== undefined);
  if (found.length > 0) {
    const retry = found.length === events.length ? asRetry(streamId, expected, found) : undefined;
    if (retry) return { kind: 'retry', result: retry };
    throw new DuplicateEventIdError(streamId, found);
  }
  checkExpectedRevision(streamId, expected, lastRevision);
  return { kind: 'write', firstRevision: lastRevision === undefined ? 0 : lastRevision + 1 };
}

export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, lastRevision: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && lastRevision === undefined) ||
    (expected === 'stream_exists' && lastRevision !== undefined) ||
    (typeof expected === 'number' && lastRevision === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, lastRevision ?? 'no_stream');
}

function asRetry(streamId: string, expected: ExpectedRevision, run: readonly ExistingEventLocation[]): AppendResult | undefined {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return undefined;
  for (let i = 0; i < run.length; i++) {
    const e = run[i];
    if (!e || e.streamId !== streamId || e.revision !== first.revision + i) return undefined;
  }
  const startsWhereExpected =
    expected === 'any' || expected === 'stream_exists' ? true : expected === 'no_stream' ? first.revision === 0 : first.revision === expected + 1;
  return startsWhereExpected ? { nextExpectedRevision: last.revision, position: last.position } : undefined;
}
