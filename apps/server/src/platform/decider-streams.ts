import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent } from '@kefu/domain';
import { streamName } from '@kefu/domain';
import type { Actor, EventStore, NewEvent, RecordedEvent } from '@kefu/event-store';
import { WrongExpectedRevisionError } from '@kefu/event-store';
import { newId } from './ids';
import { EVENT_STORE } from './tokens';

export interface HandleOptions<E extends DomainEvent> {
  actor: Actor;
  now: string;
  /** Event ids for the decided events (client-generated or derived ids make retries idempotent). */
  eventId?: (event: E, index: number) => string;
  correlationId?: string;
  causationId?: string;
}

export interface Handled<E extends DomainEvent, S> {
  /** Events appended by this call (empty when the decider had nothing to do). */
  appended: RecordedEvent<E['type'], E['data']>[];
  state: S;
  /** Global position of the last event this call wrote, or of the stream's last event if none. */
  position: number;
  /** The stream's last revision (-1 when it does not exist). */
  revision: number;
}

interface Cached {
  revision: number;
  position: number;
  state: unknown;
}

const MAX_ATTEMPTS = 8;
const CACHE_SIZE = 20_000;

/**
 * Load a stream, decide, append with the expected revision, retry on a concurrency conflict.
 * States are cached per stream and caught up from the cached revision on the next call,
 * so a long chat is not re-read for every message.
 *
 * Commands on one stream are run one after the other within this process: two sends in one chat
 * (visitor and agent at once) would otherwise both decide on the same revision, one would lose at
 * the append and redo the work — and under load such conflicts multiply until the process does
 * little else (measured: the message path collapsed at 2000 msg/s). Other processes are still
 * kept out by the expected revision.
 */
@Injectable()
export class DeciderStreams {
  private readonly cache = new Map<string, Cached>();
  /** The last command queued per stream (see the class comment). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, id: string): Promise<{ state: S; revision: number; position: number }> {
    const stream = streamName(decider.streamPrefix, id);
    const cached = this.cache.get(stream);
    let state = (cached?.state as S | undefined) ?? decider.initialState;
    let revision = cached?.revision ?? -1;
    let position = cached?.position ?? 0;
    const fresh = await this.store.read(stream, { fromRevision: revision + 1 });
    for (const e of fresh) {
      state = decider.evolve(state, { type: e.type, data: e.data } as E);
      revision = e.revision;
      position = e.position;
    }
    this.remember(stream, { revision, position, state });
    return { state, revision, position };
  }

  /**
   * The state as this process last saw it, without reading the store when it is cached. Exact while
   * every write to the stream goes through this process (all writes go through `handle`); behind when
   * another process wrote since. Good for a pre-check whose outcome `handle` guards again (its append
   * carries the expected revision); a caller refused on this state should ask `load` before answering.
   */
  async known<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, id: string): Promise<{ state: S; revision: number; position: number; cached: boolean }> {
    const cached = this.cache.get(streamName(decider.streamPrefix, id));
    if (cached) return { state: cached.state as S, revision: cached.revision, position: cached.position, cached: true };
    return { ...(await this.load(decider, id)), cached: false };
  }

  handle<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, id: string, command: C, options: HandleOptions<E>): Promise<Handled<E, S>> {
    const stream = streamName(decider.streamPrefix, id);
    const previous = this.queues.get(stream) ?? Promise.resolve();
    const run = previous.then(() => this.decideAndAppend(decider, id, stream, command, options));
    const settled = run.catch(() => undefined);
    this.queues.set(stream, settled);
    void settled.then(() => {
      if (this.queues.get(stream) === settled) this.queues.delete(stream);
    });
    return run;
  }

  private async decideAndAppend<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    id: string,
    stream: string,
    command: C,
    options: HandleOptions<E>,
  ): Promise<Handled<E, S>> {
    for (let attempt = 1; ; attempt++) {
      // The first attempt decides on the cached state without reading the stream's tail (one SQL read
      // per message saved): the append's expected revision still refuses it if another process wrote
      // since. A refusal or a "nothing to do" is only believed once decided on a state just read.
      const { state, revision, position, cached } = attempt === 1 ? await this.known(decider, id) : { ...(await this.load(decider, id)), cached: false };
      let decided: E[];
      try {
        decided = decider.decide(command, state);
      } catch (error) {
        if (cached) continue;
        throw error;
      }
      if (decided.length === 0) {
        if (cached) continue;
        return { appended: [], state, position, revision };
      }
      const events: NewEvent[] = decided.map((e, i) => ({
        id: options.eventId?.(e, i) ?? newId(),
        type: e.type,
        data: e.data,
        metadata: { occurredAt: options.now, actor: options.actor, correlationId: options.correlationId, causationId: options.causationId },
      }));
      try {
        const result = await this.store.append(stream, events, revision < 0 ? 'no_stream' : revision);
        const next = decided.reduce((s, e) => decider.evolve(s, e), state);
        this.remember(stream, { revision: result.nextExpectedRevision, position: result.position, state: next });
        const first = result.nextExpectedRevision - events.length + 1;
        const appended = events.map((e, i) => ({
          ...e,
          streamId: stream,
          revision: first + i,
          // The append's commit position: exact for single-event appends (messages); adapters such
          // as KurrentDB do not number events of one append consecutively, so no per-event guess.
          position: result.position,
        })) as RecordedEvent<E['type'], E['data']>[];
        return { appended, state: next, position: result.position, revision: result.nextExpectedRevision };
      } catch (error) {
        // A conflict leaves the cached state valid, only behind: the next load catches up from it
        // instead of re-reading (and re-evolving) the whole stream.
        if (!(error instanceof WrongExpectedRevisionError)) this.cache.delete(stream);
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        // Someone else wrote first: reload and decide again on the new state.
        await new Promise((r) => setTimeout(r, Math.random() * 3 * attempt));
      }
    }
  }

  /** The recorded event with this id in a stream (to answer a retried command as the first time). */
  async findEvent(stream: string, eventId: string): Promise<RecordedEvent | undefined> {
    const events = await this.store.read(stream);
    return events.find((e) => e.id === eventId);
  }

  private remember(stream: string, entry: Cached): void {
    this.cache.delete(stream);
    this.cache.set(stream, entry);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
