/**
 * One contract, every adapter: memory, sqlite (a fresh temp file per test) and KurrentDB (only when
 * EVENTSTORE_URL points at a server). Streams are prefixed per test so the esdb run can share a server
 * with other data; positions are compared with what this test wrote, never assumed to start at 1,
 * except where an adapter promises gap-free positions (sqlite, memory).
 *
 * The sqlite-only block at the end kills and races real processes on one file.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type AllSubscription,
  createEventStore,
  type DataOnlyEvent,
  DuplicateEventIdError,
  type EventMetadata,
  type EventStore,
  KurrentEventStore,
  MemoryEventStore,
  type NewEvent,
  type RecordedEvent,
  SqliteEventStore,
  WrongExpectedRevisionError,
} from './index';

interface AdapterUnderTest {
  open(): Promise<EventStore>;
  dispose(): void;
}

interface Adapter {
  name: string;
  create(): AdapterUnderTest;
  /** Positions are exactly 1..N in commit order (sqlite, memory); KurrentDB uses log offsets. */
  gapless: boolean;
  /** Rejects an id stored in another stream (KurrentDB does not check ids across streams). */
  uniqueIdsAcrossStreams: boolean;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-event-store-'));
}

const memoryAdapter: Adapter = {
  name: 'memory',
  gapless: true,
  uniqueIdsAcrossStreams: true,
  create: () => ({ open: async () => new MemoryEventStore(), dispose: () => undefined }),
};

const sqliteAdapter: Adapter = {
  name: 'sqlite',
  gapless: true,
  uniqueIdsAcrossStreams: true,
  create: () => {
    const dir = tempDir();
    return {
      open: async () => new SqliteEventStore(path.join(dir, 'events.db')),
      dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const eventStoreUrl = process.env['EVENTSTORE_URL'];
const esdbAdapter: Adapter = {
  name: 'esdb',
  gapless: false,
  uniqueIdsAcrossStreams: false,
  create: () => ({ open: async () => new KurrentEventStore(eventStoreUrl ?? ''), dispose: () => undefined }),
};

const adapters: Adapter[] = eventStoreUrl ? [memoryAdapter, sqliteAdapter, esdbAdapter] : [memoryAdapter, sqliteAdapter];

function event(type = 'Happened', data: unknown = {}, metadata: Partial<EventMetadata> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: { occurredAt: '2024-05-01T10:00:00.000Z', ...metadata } };
}

function events(n: number, type = 'Happened'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => event(type, { i }));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Consumes a subscription until `done(collected)`, then calls close() and expects the iteration to end
 * by itself (that is what close() promises). Fails instead of hanging if the events never come.
 */
async function collect(
  subscription: AllSubscription,
  keep: (e: RecordedEvent) => boolean,
  done: (got: RecordedEvent[]) => boolean,
  timeoutMs = 30_000,
): Promise<RecordedEvent[]> {
  const got: RecordedEvent[] = [];
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void subscription.close();
  }, timeoutMs);
  try {
    for await (const e of subscription) {
      if (keep(e)) got.push(e);
      if (done(got)) void subscription.close();
    }
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new Error(`subscription delivered ${got.length} events before timing out`);
  return got;
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

function expectStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
}

describe.each(adapters)('event store contract: $name', (adapter) => {
  let target: AdapterUnderTest;
  let store: EventStore;
  let prefix: string;
  const stream = (name: string): string => `${prefix}${name}`;
  const mine = (e: RecordedEvent): boolean => e.streamId.startsWith(prefix);

  beforeEach(async () => {
    target = adapter.create();
    store = await target.open();
    prefix = `t${randomUUID().slice(0, 8)}-`;
  });

  afterEach(async () => {
    await store.close();
    target.dispose();
  });

  it('appends events and reads them back with revisions, positions and the append result', async () => {
    const base = await store.headPosition();
    const written = events(3);
    const result = await store.append(stream('a'), written, 'no_stream');

    const read = await store.read(stream('a'));
    expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(read.map((e) => e.id)).toEqual(written.map((e) => e.id));
    expect(read.map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(read.every((e) => e.streamId === stream('a') && e.type === 'Happened')).toBe(true);
    expectStrictlyIncreasing(read.map((e) => e.position));
    expect(read[0]!.position).toBeGreaterThan(base);
    expect(result).toEqual({ nextExpectedRevision: 2, position: read[2]!.position });
    expect(await store.headPosition()).toBe(result.position);
    if (adapter.gapless) expect(read.map((e) => e.position)).toEqual(range(base + 1, 3));
    expect(await store.read(stream('missing'))).toEqual([]);
  });

  // A shared KurrentDB server is never empty.
  (adapter.gapless ? it : it.skip)('reports 0 as the head position of an empty store', async () => {
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll()).toEqual([]);
  });

  it('rejects an append with nothing in it', async () => {
    expect(await rejection(store.append(stream('a'), [], 'any'))).toBeInstanceOf(TypeError);
  });

  describe('expected revision', () => {
    it('no_stream: creates a stream, and conflicts once it exists with the actual revision', async () => {
      await store.append(stream('a'), events(2), 'no_stream');
      const error = await rejection(store.append(stream('a'), events(1), 'no_stream'));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ code: 'CONFLICT', streamId: stream('a'), expected: 'no_stream', actual: 1 });
    });

    it('stream_exists: conflicts on a missing stream with actual no_stream, appends to an existing one', async () => {
      const error = await rejection(store.append(stream('a'), events(1), 'stream_exists'));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ code: 'CONFLICT', expected: 'stream_exists', actual: 'no_stream' });
      await store.append(stream('a'), events(1), 'no_stream');
      expect(await store.append(stream('a'), events(1), 'stream_exists')).toMatchObject({ nextExpectedRevision: 1 });
    });

    it('exact revision: appends when it matches, otherwise reports the actual revision', async () => {
      const missing = await rejection(store.append(stream('a'), events(1), 0));
      expect(missing).toMatchObject({ expected: 0, actual: 'no_stream' });
      await store.append(stream('a'), events(3), 'no_stream');
      expect(await store.append(stream('a'), events(1), 2)).toMatchObject({ nextExpectedRevision: 3 });
      const behind = await rejection(store.append(stream('a'), events(1), 1));
      expect(behind).toBeInstanceOf(WrongExpectedRevisionError);
      expect(behind).toMatchObject({ code: 'CONFLICT', expected: 1, actual: 3 });
      const ahead = await rejection(store.append(stream('a'), events(1), 7));
      expect(ahead).toMatchObject({ expected: 7, actual: 3 });
    });

    it('any: appends whether or not the stream exists', async () => {
      expect(await store.append(stream('a'), events(1), 'any')).toMatchObject({ nextExpectedRevision: 0 });
      expect(await store.append(stream('a'), events(2), 'any')).toMatchObject({ nextExpectedRevision: 2 });
    });

    it('a rejected append writes nothing', async () => {
      await store.append(stream('a'), events(1), 'no_stream');
      const head = await store.headPosition();
      await rejection(store.append(stream('a'), events(3), 5));
      expect(await store.read(stream('a'))).toHaveLength(1);
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('idempotent retry', () => {
    it('the same ids with the same expected revision write nothing and answer as the first time', async () => {
      const batch = events(2);
      const first = await store.append(stream('a'), batch, 'no_stream');
      const retry = await store.append(stream('a'), batch, 'no_stream');
      expect(retry).toEqual(first);

      // Still a retry after the stream has moved on: the ids sit where that expectation put them.
      await store.append(stream('a'), events(1), 1);
      expect(await store.append(stream('a'), batch, 'no_stream')).toEqual(first);

      const single = [event()];
      const exact = await store.append(stream('a'), single, 2);
      expect(await store.append(stream('a'), single, 2)).toEqual(exact);

      const anyOne = [event()];
      const viaAny = await store.append(stream('a'), anyOne, 'any');
      expect(await store.append(stream('a'), anyOne, 'any')).toEqual(viaAny);

      const read = await store.read(stream('a'));
      expect(read).toHaveLength(5);
      expect(new Set(read.map((e) => e.id)).size).toBe(5);
      expect((await store.readAll()).filter(mine)).toHaveLength(5);
    });

    (adapter.uniqueIdsAcrossStreams ? it : it.skip)('ids stored only in part, or in another stream, are a conflict', async () => {
      const batch = events(2);
      await store.append(stream('a'), batch, 'no_stream');
      const head = await store.headPosition();

      const partly = await rejection(store.append(stream('a'), [batch[0]!, event()], 'no_stream'));
      expect(partly).toBeInstanceOf(DuplicateEventIdError);
      expect(partly).toMatchObject({ code: 'CONFLICT', existing: [{ id: batch[0]!.id, streamId: stream('a'), revision: 0 }] });

      const elsewhere = await rejection(store.append(stream('b'), batch, 'no_stream'));
      expect(elsewhere).toBeInstanceOf(DuplicateEventIdError);

      expect(await store.headPosition()).toBe(head);
      expect(await store.read(stream('b'))).toEqual([]);
    });
  });

  describe('reading', () => {
    it('reads $all forwards and backwards in commit order, bounded by after / before / maxCount', async () => {
      const base = await store.headPosition();
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        for (const name of ['a', 'b', 'c']) {
          const e = event('Happened', { name, i });
          order.push(e.id);
          await store.append(stream(name), [e], 'any');
        }
      }
      const forwards = (await store.readAll({ after: base })).filter(mine);
      expect(forwards.map((e) => e.id)).toEqual(order);
      expectStrictlyIncreasing(forwards.map((e) => e.position));
      if (adapter.gapless) expect(forwards.map((e) => e.position)).toEqual(range(base + 1, 12));

      const positions = forwards.map((e) => e.position);
      const p = (i: number): number => positions[i]!;
      expect((await store.readAll({ after: p(4), maxCount: 3 })).map((e) => e.position)).toEqual([p(5), p(6), p(7)]);
      expect((await store.readAll({ after: p(4), before: p(7) })).map((e) => e.position)).toEqual([p(5), p(6)]);

      const backwards = await store.readAll({ direction: 'backwards', after: base });
      expect(backwards.filter(mine).map((e) => e.id)).toEqual([...order].reverse());
      expect((await store.readAll({ direction: 'backwards', before: p(6), maxCount: 2 })).map((e) => e.position)).toEqual([p(5), p(4)]);
      expect((await store.readAll({ direction: 'backwards', before: p(6), after: p(2) })).map((e) => e.position)).toEqual([p(5), p(4), p(3)]);
    });

    it('reads a stream forwards and backwards from a revision, bounded by maxCount', async () => {
      await store.append(stream('a'), events(5), 'no_stream');
      const revisions = async (options: Parameters<EventStore['read']>[1]): Promise<number[]> =>
        (await store.read(stream('a'), options)).map((e) => e.revision);
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4]);
      expect(await revisions({ fromRevision: 2, maxCount: 2 })).toEqual([2, 3]);
      expect(await revisions({ fromRevision: 3 })).toEqual([3, 4]);
      expect(await revisions({ fromRevision: 9 })).toEqual([]);
    });

    it('round-trips metadata (occurredAt, actor, correlationId, causationId) and nested data', async () => {
      const full = event(
        'MessagePosted',
        { text: 'Grüße, 你好 👋', nested: { list: [1, 'two', null, { three: true }] } },
        {
          occurredAt: '2024-05-01T10:11:12.345Z',
          actor: { kind: 'visitor', id: 'v-1' },
          correlationId: 'corr-1',
          causationId: 'cause-1',
        },
      );
      const bare = event('ChatClosed', { reason: 'done' }, { occurredAt: '2024-05-01T10:11:13.000Z' });
      const base = await store.headPosition();
      await store.append(stream('a'), [full, bare], 'no_stream');

      const subscription = store.subscribeToAll({ after: base });
      const viaSubscription = await collect(subscription, mine, (got) => got.length === 2);
      for (const read of [await store.read(stream('a')), (await store.readAll({ after: base })).filter(mine), viaSubscription]) {
        expect(read.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }))).toEqual([full, bare]);
      }
    });
  });

  describe('subscribeToAll', () => {
    it('hands over from history to live without gap or duplicate while 4 writers keep appending', async () => {
      const base = await store.headPosition();
      const appended: string[] = [];
      await Promise.all(
        ['h0', 'h1', 'h2', 'h3'].map(async (name) => {
          for (let i = 0; i < 50; i++) {
            const e = event('History', { i });
            await store.append(stream(name), [e], i === 0 ? 'no_stream' : i - 1);
            appended.push(e.id);
          }
        }),
      );

      const writers = 4;
      const appendsPerWriter = 100;
      // Every 10th append carries two events, so multi-event commits cross the hand-over too.
      const liveEvents = writers * (appendsPerWriter + appendsPerWriter / 10);
      const total = 200 + liveEvents;
      const subscription = store.subscribeToAll({ after: base });
      const collected = collect(subscription, mine, (got) => got.length >= total);
      await Promise.all(
        range(0, writers).map(async (w) => {
          let revision = -1;
          for (let i = 0; i < appendsPerWriter; i++) {
            const batch = i % 10 === 0 ? [event('Live', { w, i }), event('Live', { w, i, second: true })] : [event('Live', { w, i })];
            const result = await store.append(stream(`w${w}`), batch, revision < 0 ? 'no_stream' : revision);
            revision = result.nextExpectedRevision;
            appended.push(...batch.map((e) => e.id));
            // Yield now and then so the subscriber catches up and goes live mid-way.
            if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }),
      );
      const got = await collected;

      const positions = got.map((e) => e.position);
      expect(got).toHaveLength(total);
      expectStrictlyIncreasing(positions);
      expect(new Set(got.map((e) => e.id)).size).toBe(total);
      expect(new Set(got.map((e) => e.id))).toEqual(new Set(appended));
      expect(positions).toEqual((await store.readAll({ after: base })).filter(mine).map((e) => e.position));
      if (adapter.gapless) expect(positions).toEqual(range(base + 1, total));
    });

    it('dataPages (where offered): the same events without stream, revision and metadata, history pages and live ones alike', async () => {
      const base = await store.headPosition();
      // More than a page of history (the sqlite adapter reads 1,000 a page), then events appended live.
      for (let i = 0; i < 25; i++) await store.append(stream('d'), events(100), i === 0 ? 'no_stream' : i * 100 - 1);
      const mineIds = new Set((await store.readAll({ after: base })).filter(mine).map((e) => e.id));
      const subscription = store.subscribeToAll({ after: base });
      if (!subscription.dataPages) {
        await subscription.close();
        return;
      }
      const got: DataOnlyEvent[] = [];
      const reading = (async () => {
        for await (const page of subscription.dataPages!()) {
          got.push(...page.filter((e) => mineIds.has(e.id)));
          if (got.length >= 2510) break;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (let i = 0; i < 10; i++) {
        const live = event('Live', { i });
        mineIds.add(live.id);
        await store.append(stream('d'), [live], 2499 + i);
      }
      await reading;
      await subscription.close();
      const stored = (await store.readAll({ after: base })).filter(mine);
      expect(got.map((e) => [e.id, e.type, e.position, e.data])).toEqual(stored.map((e) => [e.id, e.type, e.position, e.data]));
      // History read as data only carries nothing else.
      expect(got.slice(0, 1000).every((e) => Object.keys(e).sort().join() === 'data,id,position,type')).toBe(true);
    });

    it('readDataRange (where offered): a bounded stretch of $all in order, data only; with types, every event of those types', async () => {
      if (!store.readDataRange) return;
      const base = await store.headPosition();
      for (let i = 0; i < 25; i++) await store.append(stream('r'), [...events(50, 'Kept'), ...events(50, 'Other')], i === 0 ? 'no_stream' : i * 100 - 1);
      const stored = (await store.readAll({ after: base })).filter(mine);
      const after = stored[10]!.position;
      const until = stored[2400]!.position;
      const read = async (types?: readonly string[]): Promise<DataOnlyEvent[]> => {
        const got: DataOnlyEvent[] = [];
        for await (const page of store.readDataRange!({ after, until, ...(types && { types }) })) got.push(...page);
        return got.filter((e) => e.position <= until && stored.some((s) => s.id === e.id));
      };
      const within = stored.filter((e) => e.position > after && e.position <= until);
      const all = await read();
      expect(all.map((e) => [e.id, e.type, e.position, e.data])).toEqual(within.map((e) => [e.id, e.type, e.position, e.data]));
      expect(all.every((e) => Object.keys(e).sort().join() === 'data,id,position,type')).toBe(true);
      // Other types may be left out, never the ones asked for, and the order stays.
      const kept = (await read(['Kept'])).filter((e) => e.type === 'Kept');
      expect(kept.map((e) => e.id)).toEqual(within.filter((e) => e.type === 'Kept').map((e) => e.id));
    });

    it('starts after the given position and ends a waiting iteration on close()', async () => {
      const base = await store.headPosition();
      await store.append(stream('a'), events(3), 'no_stream');
      const [, second] = (await store.readAll({ after: base })).filter(mine);
      const subscription = store.subscribeToAll({ after: second!.position });
      const got: RecordedEvent[] = [];
      const iteration = (async () => {
        for await (const e of subscription) if (mine(e)) got.push(e);
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await subscription.close();
      await iteration; // would hang if close() did not end an idle iteration
      expect(got.map((e) => e.revision)).toEqual([2]);
    });
  });

  describe('concurrency', () => {
    it('concurrent appends with the same exact expected revision: exactly one wins each round', async () => {
      await store.append(stream('a'), events(1), 'no_stream');
      for (let round = 0; round < 10; round++) {
        const outcomes = await Promise.allSettled(range(0, 5).map(() => store.append(stream('a'), [event()], round)));
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(4);
        for (const error of losers) {
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ expected: round, actual: round + 1 });
        }
      }
      const created = await Promise.allSettled(range(0, 5).map(() => store.append(stream('b'), [event()], 'no_stream')));
      expect(created.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((await store.read(stream('a'))).map((e) => e.revision)).toEqual(range(0, 11));
      expect(await store.read(stream('b'))).toHaveLength(1);
    });

    it('many concurrent appends all resolve and all persist (group commit)', async () => {
      const base = await store.headPosition();
      const before = store instanceof SqliteEventStore ? store.stats : undefined;
      const distinct = range(0, 300).map((i) => store.append(stream(`s${i}`), [event('Many', { i })], 'no_stream'));
      const shared = range(0, 100).map(() => store.append(stream('shared'), [event('Many')], 'any'));
      const results = await Promise.all([...distinct, ...shared]);

      expect(new Set(results.map((r) => r.position)).size).toBe(400);
      expect((await store.readAll({ after: base })).filter(mine)).toHaveLength(400);
      expect((await store.read(stream('shared'))).map((e) => e.revision)).toEqual(range(0, 100));
      if (store instanceof SqliteEventStore && before) {
        // 400 appends queued in one tick share a couple of transactions (one fsync each), not 400.
        const transactions = store.stats.transactions - before.transactions;
        expect(transactions).toBeGreaterThan(0);
        expect(transactions).toBeLessThanOrEqual(2);
      }
    });
  });
});

if (!eventStoreUrl) {
  describe.skip('event store contract: esdb (skipped: set EVENTSTORE_URL to run against a real KurrentDB)', () => {
    it('runs the whole contract against KurrentDB', () => undefined);
  });
}

describe('sqlite event store only', () => {
  const register = path.join(__dirname, '..', '..', '..', 'scripts', 'register-ts.cjs');
  const child = path.join(__dirname, 'testing', 'append-child.ts');
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'events.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface Ack {
    id: string;
    streamId: string;
    revision: number;
    position: number;
  }

  /** Runs append-child.ts in a separate Node process; `onAck` sees every acknowledged append. */
  function runChild(args: string[], onAck: (ack: Ack, all: Ack[]) => void = () => undefined) {
    const proc = spawn(process.execPath, ['-r', register, child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [tag, id, streamId, revision, position] = line.split(' ');
        if (tag !== 'ack' || !id || !streamId) continue;
        const ack = { id, streamId, revision: Number(revision), position: Number(position) };
        acks.push(ack);
        onAck(ack, acks);
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
      proc.on('error', reject);
      // 'close', not 'exit': by then stdout is drained, so `acks` holds every line the child wrote.
      proc.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    return { proc, acks, exited };
  }

  it('a conflicting append fails alone inside a group commit', async () => {
    const store = new SqliteEventStore(file);
    try {
      const before = store.stats.transactions;
      const [a, b, c] = await Promise.allSettled([
        store.append('s1', [event()], 'no_stream'),
        store.append('s1', [event()], 'no_stream'),
        store.append('s2', [event()], 'no_stream'),
      ]);
      expect(store.stats.transactions - before).toBe(1);
      expect(a).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 1 } });
      expect(b).toMatchObject({ status: 'rejected', reason: { actual: 0, expected: 'no_stream' } });
      expect(c).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 2 } });
    } finally {
      await store.close();
    }
  });

  it('opened again through its locator, read only, it reads what the writer commits and refuses appends', async () => {
    const store = new SqliteEventStore(file);
    await store.append('s1', events(3), 'no_stream');
    const locator = store.locator();
    expect(locator).toEqual({ kind: 'sqlite', path: file, readOnly: true });
    const reader = await createEventStore(locator);
    try {
      await store.append('s1', events(2), 2);
      expect(await reader.headPosition()).toBe(5);
      const pages: DataOnlyEvent[][] = [];
      for await (const page of reader.readDataRange!({ after: 1, until: 4 })) pages.push([...page]);
      expect(pages.flat().map((e) => e.position)).toEqual([2, 3, 4]);
      await expect(reader.append('s1', events(1), 4)).rejects.toThrow(/read-only/);
      expect(await store.headPosition()).toBe(5);
    } finally {
      await reader.close();
      await store.close();
    }
  });

  it('refuses to open read-only a file that is not an event store', async () => {
    // Checked by message: better-sqlite3's error class may come from another test file's module realm in jest.
    const reason = await rejection(createEventStore({ kind: 'sqlite', path: path.join(dir, 'missing.db'), readOnly: true }));
    expect((reason as { message?: string } | undefined)?.message).toMatch(/unable to open database file/);
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  });

  it('commits queued appends on close() and finds them after reopening', async () => {
    const store = new SqliteEventStore(file);
    const pending = store.append('s1', events(3), 'no_stream');
    await store.close();
    expect(await pending).toEqual({ nextExpectedRevision: 2, position: 3 });
    const reopened = new SqliteEventStore(file);
    try {
      expect((await reopened.read('s1')).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(await reopened.append('s1', events(1), 2)).toEqual({ nextExpectedRevision: 3, position: 4 });
    } finally {
      await reopened.close();
    }
  });

  it('when the writer thread dies, the appends waiting on it fail with the reason instead of hanging, and later ones are refused', async () => {
    const store = new SqliteEventStore(file);
    try {
      await store.append('s1', [event()], 'no_stream');
      const waiting = store.append('s1', [event()], 0);
      // What a crash of the thread would leave (the test reaches for the private worker). The waiting append
      // is sent on the next turn of the event loop, so the thread is already stopping when it would get it.
      await (store as unknown as { writer: { terminate(): Promise<number> } }).writer.terminate();
      await expect(waiting).rejects.toThrow(/writer thread/);
      await expect(store.append('s1', [event()], 'any')).rejects.toThrow(/writer thread/);
      // Reads still answer what was committed before.
      expect(await store.read('s1')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('every acknowledged append survives kill -9 of the writing process, exactly once', async () => {
    let killed = false;
    const { proc, acks, exited } = runChild(['crash', file, '8'], (_ack, all) => {
      if (!killed && all.length >= 400) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    const { signal, stderr } = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(400);

    const store = new SqliteEventStore(file);
    try {
      const all = await store.readAll();
      const byId = new Map(all.map((e) => [e.id, e]));
      expect(byId.size).toBe(all.length);
      for (const ack of acks) {
        expect(byId.get(ack.id)).toMatchObject({ streamId: ack.streamId, revision: ack.revision, position: ack.position });
      }
      // Whatever was in flight at the kill is either wholly there or wholly absent: no holes.
      expect(all.map((e) => e.position)).toEqual(range(1, all.length));
      for (let w = 0; w < 8; w++) {
        const revisions = (await store.read(`crash-${w}`)).map((e) => e.revision);
        expect(revisions).toEqual(range(0, revisions.length));
      }
      // The store is usable after recovery.
      await store.append('after-crash', [event()], 'no_stream');
    } finally {
      await store.close();
    }
  });

  it('two processes appending to one stream with expected revisions lose and double nothing; a third sees it all live', async () => {
    const perProcess = 150;
    const observer = new SqliteEventStore(file); // creates the schema before the children race
    try {
      const subscription = observer.subscribeToAll();
      const collected = collect(
        subscription,
        () => true,
        (got) => got.length >= 2 * perProcess,
      );
      const a = runChild(['contend', file, 'shared', String(perProcess), 'a']);
      const b = runChild(['contend', file, 'shared', String(perProcess), 'b']);
      const [ea, eb] = await Promise.all([a.exited, b.exited]);
      expect(ea).toEqual({ code: 0, signal: null, stderr: '' });
      expect(eb).toEqual({ code: 0, signal: null, stderr: '' });

      const acks = [...a.acks, ...b.acks];
      expect(acks).toHaveLength(2 * perProcess);
      const read = await observer.read('shared');
      expect(read.map((e) => e.revision)).toEqual(range(0, 2 * perProcess));
      const byId = new Map(read.map((e) => [e.id, e]));
      expect(byId.size).toBe(2 * perProcess);
      for (const ack of acks) expect(byId.get(ack.id)).toMatchObject({ revision: ack.revision, position: ack.position });
      expect(new Set(acks.map((ack) => ack.revision)).size).toBe(2 * perProcess);

      // Commits of other processes reach a subscriber (by polling) in order, each once, no gap.
      const got = await collected;
      expect(got.map((e) => e.position)).toEqual(range(1, 2 * perProcess));
    } finally {
      await observer.close();
    }
  });
});
