/**
 * The projection engine: keeps every read model up to date from `$all`.
 *
 * - One shared reader ("main run") follows `$all` from the lowest checkpoint and hands each event to
 *   every projection that has not seen it yet; a projection that does not handle the type just moves
 *   its position on, so its checkpoint keeps up with the head.
 * - Checkpoints are written per batch of events (and whenever the reader goes idle), not per event:
 *   a checkpoint may lag what was applied, which is safe because `apply` is idempotent (`atPosition`),
 *   and it is what lets a rebuild run at ~100k events/s.
 * - A projection whose version differs from its checkpoint's is dropped and rebuilt at start.
 * - `rebuild(name)` replays one projection through its own reader while the main run keeps the other
 *   read models live, then hands it back to the main run; `rebuildAll()` resets everything.
 * - `waitFor(position)` gives read-your-writes to the query side.
 * - Write-behind (on by default for stores reached over the network): while a run catches up, its
 *   projections apply each batch to a working set (`WriteBehindStore`) flushed with one `writeMany` per
 *   collection; only then do their positions and checkpoints move. Once caught up, events are applied one
 *   by one to the store itself, as before.
 */
import type { AllSubscription, EventStore, DataOnlyEvent, RecordedEvent } from '@kefu/event-store';
import { type DocumentSet, MemoryReadStore, type ReadStore, WriteBehindStore } from '@kefu/read-store';
import { type CatchUpInWorker, catchUpInWorker, type ParallelCatchUp } from './parallel-catch-up';
import type { DocProjection, Projection } from './projection';

export interface ProjectorOptions {
  /** Where progress, rebuild reasons and failures go (default: console.log). */
  log?: (line: string) => void;
  /** Events between two checkpoint writes (default 1000). */
  batchSize?: number;
  /** Events between two progress lines during a catch-up or rebuild (default 50 000). */
  progressEvery?: number;
  /**
   * Pauses before re-trying an event whose `apply` threw (default [100, 1000]); after the last one the
   * projection is marked failed. Rides through a read store that blips, without spinning on a bug.
   */
  retryDelaysMs?: readonly number[];
  /**
   * Catch-up and rebuilds apply each batch to a write-behind working set flushed in bulk (default: on for
   * a mongodb read store, where every call is a round trip; off for the in-process memory store, whose
   * updates are already in place and which a flush would only copy).
   */
  writeBehind?: boolean;
  /**
   * At start, catch some projections up in a worker thread while this thread catches up the others (memory
   * read store and an event store that can be opened from another thread only; see parallel-catch-up.ts).
   */
  parallel?: ParallelCatchUp;
}

export type ProjectionPhase = 'stopped' | 'catching-up' | 'live' | 'rebuilding' | 'failed';

export interface ProjectionFailure {
  message: string;
  /** The event `apply` threw on. */
  position: number;
  type: string;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Last global position applied (or skipped as not handled). */
  position: number;
  /** Events (positions) behind the head. */
  lag: number;
  phase: ProjectionPhase;
  failure?: ProjectionFailure;
}

export interface ProjectorStatus {
  /** Highest global position the projector knows of. */
  head: number;
  projections: ProjectionStatus[];
}

/** `waitFor` gave up: the read models are still behind the position asked for. */
export class ProjectionTimeoutError extends Error {
  readonly code = 'PROJECTION_TIMEOUT';
  constructor(
    readonly position: number,
    readonly timeoutMs: number,
    readonly behind: readonly { name: string; position: number }[],
  ) {
    super(`projector: position ${position} not reached within ${timeoutMs} ms; behind: ` + behind.map((b) => `${b.name} at ${b.position}`).join(', '));
    this.name = 'ProjectionTimeoutError';
  }
}

interface ProjectionState {
  readonly projection: Projection;
  readonly handles: ReadonlySet<string>;
  /** The synchronous change of a DocProjection, run in place on the memory store without a promise. */
  readonly project: DocProjection['project'] | undefined;
  /** Event types a DocProjection applies through the store's API (`viaStore`). */
  readonly viaStore: ReadonlySet<string>;
  /**
   * Last position applied or skipped whose documents are in the store (readers see it; ahead of the
   * stored checkpoint between checkpoint writes).
   */
  position: number;
  /** Last position applied or skipped, including documents still in a run's working set (>= position). */
  applied: number;
  /** Last position written as checkpoint. */
  saved: number;
  failure: ProjectionFailure | undefined;
  /** Taken out of the main run while its own rebuild run replays it. */
  detached: boolean;
  rebuilding: Promise<void> | undefined;
}

/** One reader over `$all` feeding a fixed set of projections. */
interface Run {
  readonly label: string;
  readonly states: readonly ProjectionState[];
  /** Position the run started reading after (its lowest projection's). */
  readonly from: number;
  /** Head when the run started: reaching it ends the catch-up (and, with `untilTarget`, the run). */
  readonly target: number;
  readonly untilTarget: boolean;
  stopped: boolean;
  subscription: AllSubscription | undefined;
  /** Resolves when the run has stopped reading (never rejects). */
  done: Promise<void>;
  caughtUp: boolean;
  /** Events read since the run started, for progress and rate. */
  count: number;
  readonly startedAt: number;
  sinceFlush: number;
  /** Wakes the run from a retry pause when stopped. */
  wake: (() => void) | undefined;
  /** The write-behind working set while catching up; undefined: events go to the store one by one. */
  working: WriteBehindStore | undefined;
  /** Its projections by event type: those that handle it, and the others (which only move past it). */
  readonly byType: ReadonlyMap<
    string,
    {
      readonly handlers: readonly ProjectionState[];
      /** Per handler: whether it takes this type as a synchronous change (`project`, not `viaStore`). */
      readonly inPlace: readonly boolean[];
      readonly others: readonly ProjectionState[];
    }
  >;
}

/** The parallel catch-up of a start, until its projections are handed back to the main run. */
interface Helper {
  readonly states: ReadonlySet<ProjectionState>;
  readonly worker: CatchUpInWorker;
  cancelled: boolean;
}

interface Waiter {
  position: number;
  /** Only these projections count; failed ones among them reject the wait. Undefined: all healthy ones. */
  only: ReadonlySet<ProjectionState> | undefined;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

const DEFAULT_BATCH = 1000;
const DEFAULT_PROGRESS = 50_000;
const DEFAULT_RETRIES = [100, 1000];
const DEFAULT_PARALLEL_MIN = 100_000;
const RESUBSCRIBE_MIN_MS = 1000;
const RESUBSCRIBE_MAX_MS = 30_000;

export class Projector {
  private readonly states: ProjectionState[];
  private readonly byName = new Map<string, ProjectionState>();
  private readonly log: (line: string) => void;
  private readonly batchSize: number;
  private readonly progressEvery: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly writeBehind: boolean;
  private readonly parallel: ParallelCatchUp | undefined;
  private helper: Helper | undefined;
  /** Settles once the parallel catch-up of the last start has handed its projections back (or never ran). */
  private helped: Promise<void> = Promise.resolve();

  private main: Run | undefined;
  private readonly runs = new Set<Run>();
  private started = false;
  private head = 0;
  private waiters: Waiter[] = [];
  /** Serialises start/stop/rebuild so they never interleave their stop-and-relaunch steps. */
  private control: Promise<unknown> = Promise.resolve();
  /** Serialises checkpoint writes so an older one can never land after a newer one. */
  private flushing: Promise<void> = Promise.resolve();
  private idleFlush: NodeJS.Immediate | undefined;
  /** The memory store's own documents, for DocProjections applied in place. */
  private readonly inPlace: DocumentSet | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.log = options.log ?? ((line) => console.log(line));
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    this.progressEvery = Math.max(1, options.progressEvery ?? DEFAULT_PROGRESS);
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRIES;
    this.writeBehind = options.writeBehind ?? store.kind !== 'memory';
    this.parallel = options.parallel;
    this.inPlace = store instanceof MemoryReadStore ? store.documents() : undefined;
    const owners = new Map<string, string>();
    this.states = projections.map((projection) => {
      if (this.byName.has(projection.name)) throw new Error(`projector: two projections are named ${projection.name}`);
      // One owner per read model: a rebuild drops the collections, which would wipe another's data.
      for (const collection of projection.collections) {
        const owner = owners.get(collection);
        if (owner) throw new Error(`projector: collection ${collection} is owned by both ${owner} and ${projection.name}`);
        owners.set(collection, projection.name);
      }
      const state: ProjectionState = {
        projection,
        handles: new Set(projection.handles),
        project: (projection as Partial<DocProjection>).project?.bind(projection),
        viaStore: new Set((projection as Partial<DocProjection>).viaStore?.types ?? []),
        position: 0,
        applied: 0,
        saved: 0,
        failure: undefined,
        detached: false,
        rebuilding: undefined,
      };
      this.byName.set(projection.name, state);
      return state;
    });
  }

  /**
   * Loads the checkpoints (rebuilding the projections whose version changed), catches up to the head
   * as of now, and resolves; from then on it follows new events in the background until `stop()`.
   */
  async start(): Promise<void> {
    const target = await this.exclusive(async () => {
      if (this.started) throw new Error('projector: already started');
      const head = await this.events.headPosition();
      this.noteHead(head);
      for (const state of this.states) await this.load(state, head);
      this.started = true;
      const helper = this.startHelper(head);
      if (helper) this.helped = this.handBack(helper);
      this.main = this.launch('catch-up', this.attached(), head, false);
      return head;
    });
    await this.helped;
    // stop() during the parallel catch-up: nothing goes on to reach the target.
    if (!this.started) throw new Error('projector: stopped');
    await this.reach(target, undefined);
  }

  /** Stops reading, writes the checkpoints, and rejects pending `waitFor` calls. Safe to call twice. */
  async stop(): Promise<void> {
    await this.exclusive(async () => {
      this.started = false;
      this.main = undefined;
      await this.cancelHelper();
      await Promise.all([...this.runs].map((run) => this.halt(run)));
      if (this.idleFlush) clearImmediate(this.idleFlush);
      this.idleFlush = undefined;
      await this.flush();
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) this.settle(w, new Error('projector: stopped'));
    });
  }

  /**
   * Drops one projection's collections and checkpoint and replays it from the first event up to the
   * head. The other projections stay live meanwhile; resolves once it is caught up again.
   */
  rebuild(name: string): Promise<void> {
    const state = this.byName.get(name);
    if (!state) return Promise.reject(new Error(`projector: no projection named ${name} (known: ${[...this.byName.keys()].join(', ')})`));
    // A second request while one is running gets the same rebuild, not a reset in the middle of it.
    state.rebuilding ??= this.rebuildOne(state).finally(() => {
      state.rebuilding = undefined;
    });
    return state.rebuilding;
  }

  /** Drops and replays every projection from the first event; resolves once all are caught up. */
  async rebuildAll(): Promise<void> {
    // Let single rebuilds and a parallel catch-up finish first: resetting under them would race their hand-back.
    await this.helped;
    await Promise.allSettled(this.states.map((s) => s.rebuilding));
    const { target, run } = await this.exclusive(async () => {
      // Every run, not only the main one: a single rebuild started meanwhile is superseded by this one.
      await Promise.all([...this.runs].map((run) => this.halt(run)));
      await this.flush();
      for (const state of this.states) {
        state.detached = false;
        await this.reset(state, 'rebuild of every projection requested');
      }
      const head = await this.events.headPosition();
      this.noteHead(head);
      // Not started: run a reader just for this rebuild, which ends at the head.
      const run = this.launch('rebuild', this.states, head, !this.started);
      if (this.started) this.main = run;
      return { target: head, run };
    });
    await this.reach(target, undefined);
    // Without a live loop, the rebuild's own reader ends at the head: let it finish before answering.
    if (run !== this.main) await run.done;
  }

  /**
   * Resolves once every projection has applied everything up to `position` (read-your-writes: pass the
   * position a command answered with). Failed projections are left out, unless named in `only`.
   */
  waitFor(position: number, timeoutMs = 5000, only?: readonly string[]): Promise<void> {
    let states: Set<ProjectionState> | undefined;
    if (only) {
      states = new Set();
      for (const name of only) {
        const state = this.byName.get(name);
        if (!state) return Promise.reject(new Error(`projector: no projection named ${name}`));
        states.add(state);
      }
    }
    return this.wait(position, states, timeoutMs);
  }

  status(): ProjectorStatus {
    return {
      head: this.head,
      projections: this.states.map((s) => ({
        name: s.projection.name,
        version: s.projection.version,
        position: s.position,
        lag: Math.max(0, this.head - s.position),
        phase: this.phaseOf(s),
        ...(s.failure && { failure: { ...s.failure } }),
      })),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoints and resets

  private async load(state: ProjectionState, head: number): Promise<void> {
    const { name, version } = state.projection;
    const checkpoint = await this.store.getCheckpoint(name);
    state.failure = undefined;
    if (!checkpoint) return this.reset(state, 'no checkpoint');
    if (checkpoint.version !== version) return this.reset(state, `checkpoint is for v${checkpoint.version}`);
    // The event store was replaced under a persistent read store: these read models describe other events.
    if (checkpoint.position > head) {
      return this.reset(state, `checkpoint at ${checkpoint.position} is past the event store head ${head}`);
    }
    state.position = state.applied = state.saved = checkpoint.position;
  }

  /** Empties the read model and stores a checkpoint at 0 for the current version. */
  private async reset(state: ProjectionState, why: string): Promise<void> {
    const { name, version, collections } = state.projection;
    this.log(`projector: rebuilding ${name} v${version} (${why})`);
    // Drop first: a crash in between leaves the old checkpoint, which triggers the rebuild again.
    for (const collection of collections) await this.store.drop(collection);
    await this.store.setCheckpoint({ projection: name, position: 0, version });
    state.position = state.applied = state.saved = 0;
    state.failure = undefined;
    this.checkWaiters();
  }

  /** Writes the checkpoint of every projection that moved since its last one. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      for (const state of this.states) {
        const position = state.position;
        if (position === state.saved) continue;
        const { name, version } = state.projection;
        try {
          await this.store.setCheckpoint({ projection: name, position, version });
          state.saved = position;
        } catch (err) {
          // Not fatal: the next flush writes it; meanwhile a restart would only re-apply (idempotently).
          this.log(`projector: saving the checkpoint of ${name} at ${position} failed: ${messageOf(err)}`);
        }
      }
    });
    return this.flushing;
  }

  /** Live events come one by one: write their checkpoints once the reader has nothing more to do. */
  private scheduleIdleFlush(): void {
    if (this.idleFlush) return;
    this.idleFlush = setImmediate(() => {
      this.idleFlush = undefined;
      void this.flush();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Reading $all

  private launch(label: string, states: readonly ProjectionState[], target: number, untilTarget: boolean): Run {
    const run: Run = {
      label,
      states,
      from: lowestOf(states) ?? target,
      target,
      untilTarget,
      stopped: false,
      subscription: undefined,
      done: Promise.resolve(),
      caughtUp: false,
      count: 0,
      startedAt: Date.now(),
      sinceFlush: 0,
      wake: undefined,
      working: this.writeBehind ? new WriteBehindStore(this.store) : undefined,
      byType: byType(states),
    };
    this.runs.add(run);
    run.done = this.read(run)
      // read() handles its own failures; this only keeps a bug in it from becoming an unhandled rejection.
      .catch((err: unknown) => this.log(`projector: ${label} stopped unexpectedly: ${messageOf(err)}`))
      .finally(() => this.runs.delete(run));
    return run;
  }

  /** Stops a run and waits until it has finished the event in hand. */
  private async halt(run: Run): Promise<void> {
    run.stopped = true;
    run.wake?.();
    // Closing ends the iteration even while it waits for a live event; `done` then follows.
    await run.subscription?.close().catch(() => undefined);
    await run.done;
  }

  private async read(run: Run): Promise<void> {
    let pause = RESUBSCRIBE_MIN_MS;
    await this.markRebuiltCollections(run);
    if (run.from >= run.target) this.caughtUp(run, run.from);
    else if (run.target - run.from > this.batchSize) {
      this.log(`projector: ${run.label} of ${run.states.length} projection(s) from position ${run.from} to ${run.target}`);
    }
    // Ends when stopped, when an `untilTarget` run reached its target, or when every projection it
    // feeds has failed (reading on would feed nobody).
    const finished = (): boolean => run.stopped || (run.untilTarget && run.caughtUp) || allFailed(run.states);
    while (!finished()) {
      const after = lowestOf(run.states) ?? run.target;
      if (run.untilTarget && after >= run.target) break;
      try {
        const subscription = this.events.subscribeToAll({ after });
        run.subscription = subscription;
        if (run.stopped) await subscription.close();
        // A page at a time where the store offers it: the events of a page are handed on synchronously
        // unless a projection or a flush has something to await.
        const pages: AsyncIterable<readonly DataOnlyEvent[]> = subscription.dataPages?.() ?? subscription.pages?.() ?? singles(subscription);
        reading: for await (const page of pages) {
          for (const event of page) {
            const pending = this.dispatch(run, event);
            if (pending) await pending;
            if (finished()) break reading;
          }
          pause = RESUBSCRIBE_MIN_MS;
        }
        if (finished()) break;
        throw new Error('the subscription ended');
      } catch (err) {
        if (run.stopped) break;
        this.log(`projector: reading $all after position ${lowestOf(run.states) ?? '?'} failed (${messageOf(err)}); retrying in ${pause} ms`);
        await this.sleep(run, pause);
        pause = Math.min(pause * 2, RESUBSCRIBE_MAX_MS);
      } finally {
        await run.subscription?.close().catch(() => undefined);
        run.subscription = undefined;
      }
    }
    await this.flushWorking(run);
    await this.flush();
    this.checkWaiters();
  }

  /** Hands one event to a run's projections; answers a promise only when something has to be awaited. */
  private dispatch(run: Run, event: DataOnlyEvent): Promise<void> | undefined {
    const position = event.position;
    let pending: Promise<void>[] | undefined;
    const working = run.working;
    const inPlace = working ? undefined : this.inPlace;
    const split = run.byType.get(event.type);
    const handlers = split?.handlers;
    if (handlers) {
      const direct = split.inPlace;
      for (let i = 0; i < handlers.length; i++) {
        const state = handlers[i]!;
        if (state.failure || state.applied >= position) continue;
        if (inPlace && direct[i]) {
          try {
            state.project!(event, inPlace);
            state.applied = state.position = position;
            continue;
          } catch {
            // Retried (and reported) by the general path below.
          }
        }
        // Projections are independent: a slow read store serves them concurrently, each still in order.
        (pending ??= []).push(this.applyTo(state, event, working));
      }
    }
    // The others move past it: their checkpoints keep up with the head (an apply still running moves its own).
    for (const state of split?.others ?? run.states) {
      if (state.failure || state.applied >= position) continue;
      state.applied = position;
      if (!working) state.position = position;
    }
    if (pending) return (pending.length === 1 ? pending[0]! : Promise.all(pending)).then(() => this.afterDispatch(run, position));
    return this.afterDispatch(run, position);
  }

  private afterDispatch(run: Run, position: number): Promise<void> | undefined {
    if (position > this.head) this.head = position;
    run.count++;
    // Not at the very end: the "done" line below says it with the totals.
    if (!run.caughtUp && run.count % this.progressEvery === 0 && position < run.target) this.progress(run, position);
    const atTarget = !run.caughtUp && position >= run.target;
    if (++run.sinceFlush >= this.batchSize || atTarget) {
      run.sinceFlush = 0;
      return this.flushBatch(run, position, atTarget);
    }
    this.scheduleIdleFlush();
    if (this.waiters.length > 0) this.checkWaiters();
    return undefined;
  }

  private async flushBatch(run: Run, position: number, atTarget: boolean): Promise<void> {
    await this.flushWorking(run);
    await this.flush();
    if (atTarget) this.caughtUp(run, position);
    else await yieldToEventLoop();
    if (this.waiters.length > 0) this.checkWaiters();
  }

  /**
   * A projection replayed from the first event into collections that are empty (just dropped, or never
   * written): its working set holds them whole, so its documents are never read back from the store. Checked,
   * not assumed: after a crash in the middle of a rebuild the checkpoint can be 0 while documents exist.
   */
  private async markRebuiltCollections(run: Run): Promise<void> {
    const working = run.working;
    if (!working) return;
    for (const state of run.states) {
      if (state.failure || state.applied !== 0) continue;
      try {
        const counts = await Promise.all(state.projection.collections.map((c) => this.store.count(c)));
        if (counts.every((n) => n === 0)) for (const c of state.projection.collections) working.holdsWhole(c);
      } catch (err) {
        // Only a shortcut: without it the documents are read from the store as they are needed.
        this.log(`projector: counting the documents of ${state.projection.name} failed (${messageOf(err)}); reading them as needed`);
      }
    }
  }

  /**
   * Writes a run's working set to the store, then lets its projections' positions (what readers and
   * checkpoints see) catch up with what they applied. A failed write leaves the positions where they were:
   * the reader retries from there and the working set writes again.
   */
  private async flushWorking(run: Run): Promise<void> {
    if (!run.working) return;
    await run.working.flush();
    // Waiters are checked by the caller once it has also marked the run caught up.
    for (const state of run.states) if (state.applied > state.position) state.position = state.applied;
  }

  private async applyTo(state: ProjectionState, event: DataOnlyEvent, working: WriteBehindStore | undefined): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await state.projection.apply(event, working ?? this.store);
        state.applied = event.position;
        if (!working) state.position = event.position;
        return;
      } catch (err) {
        const delay = this.retryDelaysMs[attempt];
        if (delay !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        const message = messageOf(err);
        state.failure = { message, position: event.position, type: event.type };
        this.log(
          `projector: ${state.projection.name} failed at position ${event.position} (${event.type}): ${message}; ` +
            `it stays at ${state.applied} until rebuilt or restarted, the others go on`,
        );
        if (err instanceof Error && err.stack) this.log(err.stack);
        this.checkWaiters();
        return;
      }
    }
  }

  private progress(run: Run, position: number): void {
    const total = Math.max(1, run.target - run.from);
    const done = position - run.from;
    const percent = Math.min(100, Math.floor((done / total) * 100));
    this.log(`projector: ${run.label} ${done}/${total} events (${percent}%), ${formatRate(run.count, Date.now() - run.startedAt)}`);
  }

  private caughtUp(run: Run, position: number): void {
    run.caughtUp = true;
    // Live from here: one event at a time, straight to the store (the working set was flushed or never used).
    run.working = undefined;
    if (run.count === 0) return;
    const ms = Date.now() - run.startedAt;
    this.log(`projector: ${run.label} done at position ${position}: ${run.count} events in ${(ms / 1000).toFixed(1)} s (${formatRate(run.count, ms)})`);
  }

  private sleep(run: Run, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        run.wake = undefined;
        resolve();
      }
      run.wake = done;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Rebuild of one projection

  private async rebuildOne(state: ProjectionState): Promise<void> {
    const name = state.projection.name;
    // A projection still in the parallel catch-up is handed back first (it is detached until then).
    await this.helped;
    const run = await this.exclusive(async () => {
      // Take it out of the main run first: the main run must not apply to it while it is being reset.
      const main = this.main;
      if (main) await this.halt(main);
      state.detached = true;
      await this.flush();
      await this.reset(state, 'rebuild requested');
      const head = await this.events.headPosition();
      this.noteHead(head);
      if (main) this.main = this.launch('catch-up', this.attached(), head, false);
      return this.launch(`rebuild ${name}`, [state], head, true);
    });
    await run.done;
    if (run.stopped && !state.failure) {
      state.detached = false;
      throw new Error(`projector: the rebuild of ${name} was interrupted (stop() or rebuildAll())`);
    }
    // Hand it back to the main run, which carries it over the events appended during the rebuild.
    const target = await this.exclusive(async () => {
      const main = this.main;
      if (main) await this.halt(main);
      state.detached = false;
      const head = await this.events.headPosition();
      this.noteHead(head);
      if (main) this.main = this.launch('catch-up', this.attached(), head, false);
      return head;
    });
    if (state.failure) {
      throw new Error(`projector: the rebuild of ${name} failed at position ${state.failure.position} (${state.failure.type}): ${state.failure.message}`);
    }
    if (this.started) await this.reach(target, new Set([state]));
  }

  // ---------------------------------------------------------------------------------------------
  // Parallel catch-up at start

  /** Starts a worker for the projections it can take, detached from the main run meanwhile; or nothing. */
  private startHelper(head: number): Helper | undefined {
    const parallel = this.parallel;
    // In place on the memory store only: the worker hands over whole collections, which replace what is there.
    if (!parallel || !this.inPlace || this.writeBehind || head < (parallel.minEvents ?? DEFAULT_PARALLEL_MIN)) return undefined;
    const locator = this.events.locator?.();
    if (!locator) return undefined;
    const states = this.states.filter(
      (s) => parallel.inWorker.includes(s.projection.name) && s.applied === 0 && !s.failure && s.project !== undefined && s.viaStore.size === 0,
    );
    if (states.length === 0) return undefined;
    for (const state of states) state.detached = true;
    const names = states.map((s) => s.projection.name);
    this.log(`projector: catching up ${names.join(', ')} in a worker thread, the other ${this.states.length - states.length} here`);
    const worker = catchUpInWorker(
      {
        events: locator,
        module: parallel.module,
        exportName: parallel.exportName,
        names,
        until: head,
      },
      this.log,
    );
    this.helper = { states: new Set(states), worker, cancelled: false };
    return this.helper;
  }

  /**
   * Takes the worker's collections into the store and its projections back into the main run, which goes on
   * from where it is. A projection the worker could not build (or every one, when the worker failed) starts from
   * the first event in the main run instead, where failures are retried and reported as usual.
   */
  private async handBack(helper: Helper): Promise<void> {
    let outcome: Awaited<CatchUpInWorker['result']> | undefined;
    try {
      outcome = await helper.worker.result;
    } catch (err) {
      if (!helper.cancelled) this.log(`projector: the catch-up worker failed (${messageOf(err)}); catching its projections up here`);
    }
    await this.exclusive(async () => {
      if (this.helper === helper) this.helper = undefined;
      if (helper.cancelled || !this.started) {
        for (const state of helper.states) state.detached = false;
        return;
      }
      for (const caught of outcome?.projections ?? []) {
        const state = this.byName.get(caught.name);
        if (!state || !helper.states.has(state)) continue;
        if (caught.failure) {
          const f = caught.failure;
          this.log(`projector: ${caught.name} failed in the catch-up worker at position ${f.position} (${f.type}): ${f.message}; replaying it here`);
          continue;
        }
        const store = this.store as MemoryReadStore;
        try {
          for (const [collection, docs] of caught.collections) store.adopt(collection, docs);
        } catch (err) {
          // Nothing half-taken: its collections go empty again and it is replayed here from the first event.
          for (const collection of state.projection.collections) await this.store.drop(collection);
          this.log(`projector: taking over ${caught.name} from the catch-up worker failed (${messageOf(err)}); replaying it here`);
          continue;
        }
        const { name, version } = state.projection;
        state.position = state.applied = outcome!.until;
        await this.store.setCheckpoint({ projection: name, position: outcome!.until, version });
        state.saved = outcome!.until;
      }
      const main = this.main;
      if (main) await this.halt(main);
      for (const state of helper.states) state.detached = false;
      const head = await this.events.headPosition();
      this.noteHead(head);
      this.main = this.launch('catch-up', this.attached(), head, false);
    });
    this.checkWaiters();
  }

  private async cancelHelper(): Promise<void> {
    const helper = this.helper;
    if (!helper) return;
    helper.cancelled = true;
    this.helper = undefined;
    await helper.worker.cancel();
  }

  private attached(): ProjectionState[] {
    return this.states.filter((s) => !s.detached);
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting for positions

  /** Internal wait without a deadline (start, rebuild): only stop() or a failure ends it early. */
  private reach(position: number, only: ReadonlySet<ProjectionState> | undefined): Promise<void> {
    return this.wait(position, only, undefined);
  }

  private wait(position: number, only: ReadonlySet<ProjectionState> | undefined, timeoutMs: number | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { position, only, resolve, reject, timer: undefined };
      const verdict = this.verdict(waiter);
      if (verdict !== 'pending') return verdict === 'reached' ? resolve() : reject(verdict);
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          const behind = this.states
            .filter((s) => (only ? only.has(s) : !s.failure) && s.position < position)
            .map((s) => ({ name: s.projection.name, position: s.position }));
          reject(new ProjectionTimeoutError(position, timeoutMs, behind));
        }, timeoutMs);
      }
      this.waiters.push(waiter);
    });
  }

  private checkWaiters(): void {
    if (this.waiters.length === 0) return;
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      const verdict = this.verdict(waiter);
      if (verdict === 'pending') pending.push(waiter);
      else this.settle(waiter, verdict === 'reached' ? undefined : verdict);
    }
    this.waiters = pending;
  }

  private verdict(waiter: Waiter): 'reached' | 'pending' | Error {
    for (const state of waiter.only ?? this.states) {
      if (state.failure) {
        if (!waiter.only) continue;
        const f = state.failure;
        return new Error(`projector: ${state.projection.name} failed at position ${f.position} (${f.type}): ${f.message}`);
      }
      if (state.position < waiter.position) return 'pending';
    }
    return 'reached';
  }

  private settle(waiter: Waiter, error: Error | undefined): void {
    if (waiter.timer) clearTimeout(waiter.timer);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  // ---------------------------------------------------------------------------------------------

  private phaseOf(state: ProjectionState): ProjectionPhase {
    if (state.failure) return 'failed';
    if (state.detached) return this.helper?.states.has(state) ? 'catching-up' : 'rebuilding';
    for (const run of this.runs) {
      if (!run.states.includes(state)) continue;
      if (run.caughtUp) return 'live';
      return run.label.startsWith('rebuild') ? 'rebuilding' : 'catching-up';
    }
    return 'stopped';
  }

  private noteHead(head: number): void {
    if (head > this.head) this.head = head;
  }

  private exclusive<T>(step: () => Promise<T>): Promise<T> {
    const result = this.control.then(step);
    this.control = result.catch(() => undefined);
    return result;
  }
}

/** Where a reader has to start: the lowest position applied among the healthy projections it feeds. */
function lowestOf(states: readonly ProjectionState[]): number | undefined {
  let min: number | undefined;
  for (const state of states) {
    if (state.failure) continue;
    if (min === undefined || state.applied < min) min = state.applied;
  }
  return min;
}

/** Whether every projection failed (asked once per event: stops at the first one that did not). */
function allFailed(states: readonly ProjectionState[]): boolean {
  for (const state of states) if (!state.failure) return false;
  return true;
}

function byType(states: readonly ProjectionState[]): Run['byType'] {
  const types = new Set<string>();
  for (const state of states) for (const type of state.handles) types.add(type);
  const map = new Map<string, { handlers: ProjectionState[]; inPlace: boolean[]; others: ProjectionState[] }>();
  for (const type of types) {
    const handlers = states.filter((s) => s.handles.has(type));
    const inPlace = handlers.map((s) => s.project !== undefined && !s.viaStore.has(type));
    map.set(type, { handlers, inPlace, others: states.filter((s) => !s.handles.has(type)) });
  }
  return map;
}

/** A subscription without pages, as pages of one event. */
async function* singles(events: AsyncIterable<RecordedEvent>): AsyncGenerator<readonly RecordedEvent[]> {
  for await (const event of events) yield [event];
}

/** Lets timers, sockets and HTTP requests run between batches of a long catch-up over a synchronous store. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function formatRate(count: number, ms: number): string {
  const perSecond = ms > 0 ? (count * 1000) / ms : count;
  return perSecond >= 1000 ? `${Math.round(perSecond / 1000)}k ev/s` : `${Math.round(perSecond)} ev/s`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
