import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryEventStore, openSqliteEventStore, type EventStore, type NewEvent, type SqliteEventStore } from '@kefu/event-store';
import { MemoryReadStore } from '@kefu/read-store';
import type { ParallelCatchUp } from './parallel-catch-up';
import { Projector, type ProjectorOptions } from './projector';
import { parallelTestProjections } from './testing/parallel-projections';

const MODULE = path.join(__dirname, 'testing', 'parallel-projections.ts');
const parallel = (inWorker: string[], more: Partial<ParallelCatchUp> = {}): ParallelCatchUp => ({
  module: MODULE,
  exportName: 'parallelTestProjections',
  inWorker,
  minEvents: 0,
  ...more,
});

const named = (...names: string[]) => parallelTestProjections.filter((p) => names.includes(p.name));
const tick = (key: string, n: number): NewEvent => ({ id: randomUUID(), type: 'Tick', data: { key, n }, metadata: { occurredAt: '2026-01-01T00:00:00.000Z' } });
const page = (): NewEvent => ({ id: randomUUID(), type: 'Page', data: {}, metadata: { occurredAt: '2026-01-01T00:00:00.000Z' } });

/** Ticks 1..n over 7 keys, a page view after every third. */
async function history(events: EventStore, n: number, from = 1): Promise<void> {
  const writes: Promise<unknown>[] = [];
  for (let i = from; i < from + n; i++) {
    writes.push(events.append(`k-${i % 7}`, [tick(`k${i % 7}`, i)], 'any'));
    if (i % 3 === 0) writes.push(events.append('pages', [page()], 'any'));
  }
  await Promise.all(writes);
}

/** Every document of every collection, by collection. */
async function contents(store: MemoryReadStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const c of await store.listCollections()) out[c] = await store.find(c, {}, { sort: { _id: 1 } });
  return out;
}

async function oneThread(events: EventStore, names = ['counter', 'flaky', 'pages']): Promise<Record<string, unknown[]>> {
  const store = new MemoryReadStore();
  const projector = new Projector(
    events,
    store,
    parallelTestProjections.filter((p) => names.includes(p.name)),
    { log: () => undefined, retryDelaysMs: [] },
  );
  await projector.start();
  await projector.stop();
  return contents(store);
}

describe('K3 parallel catch-up: part of the projections caught up in a worker thread at start', () => {
  let dir: string;
  let events: SqliteEventStore;
  let log: string[];
  const options = (more: ProjectorOptions): ProjectorOptions => ({ log: (line) => log.push(line), retryDelaysMs: [], ...more });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-parallel-'));
    events = openSqliteEventStore(path.join(dir, 'events.sqlite'));
    log = [];
    await history(events, 3000);
  });

  afterEach(async () => {
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds the same documents as one thread does, and every projection is live at the head', async () => {
    const store = new MemoryReadStore();
    const projections = named('counter', 'flaky', 'pages');
    const projector = new Projector(events, store, projections, options({ parallel: parallel(['counter', 'flaky']) }));
    await projector.start();
    try {
      expect(log).toContain('projector: catching up counter, flaky in a worker thread, the other 1 here');
      expect(log.some((l) => /^projector: worker caught up 2 projection\(s\) to position \d+: 3000 events of their types/.test(l))).toBe(true);
      const head = await events.headPosition();
      expect(projector.status().projections.map((p) => [p.name, p.phase, p.position])).toEqual([
        ['counter', 'live', head],
        ['flaky', 'live', head],
        ['pages', 'live', head],
      ]);
      expect(await contents(store)).toEqual(await oneThread(events));
      expect(await store.getCheckpoint('counter')).toEqual({ projection: 'counter', position: head, version: 1 });
      // And it goes on live, for the worker's projections too.
      await events.append('k-live', [tick('k0', 9999)], 'any');
      await projector.waitFor(await events.headPosition());
      expect(await store.get('counter_keys', 'k0')).toMatchObject({ last: 9999 });
    } finally {
      await projector.stop();
    }
  }, 60_000);

  it('events appended while the worker runs reach the worker projections once they are handed back', async () => {
    const store = new MemoryReadStore();
    const projector = new Projector(
      events,
      store,
      parallelTestProjections.filter((p) => p.name === 'counter' || p.name === 'pages'),
      options({ parallel: parallel(['counter']) }),
    );
    const starting = projector.start();
    await history(events, 500, 5001);
    await starting;
    try {
      await projector.waitFor(await events.headPosition());
      expect(await contents(store)).toEqual(await oneThread(events, ['counter', 'pages']));
      expect(await store.get('counter_keys', `k${5500 % 7}`)).toMatchObject({ last: 5500 });
    } finally {
      await projector.stop();
    }
  }, 60_000);

  it('a projection that throws in the worker is replayed in the projector thread; one that throws there too ends failed', async () => {
    const store = new MemoryReadStore();
    const projector = new Projector(
      events,
      store,
      named('counter', 'flaky', 'broken', 'pages'),
      options({ parallel: parallel(['counter', 'flaky', 'broken']) }),
    );
    await projector.start();
    try {
      expect(
        log.some((l) => /^projector: flaky failed in the catch-up worker at position \d+ \(Tick\): flaky refuses tick 3; replaying it here$/.test(l)),
      ).toBe(true);
      expect(log.some((l) => l.startsWith('projector: broken failed in the catch-up worker'))).toBe(true);
      const broken = projector.status().projections.find((p) => p.name === 'broken')!;
      expect(broken).toMatchObject({ phase: 'failed', failure: { type: 'Tick', message: 'broken refuses tick 5' } });
      const { broken_keys: _, ...rest } = await contents(store);
      expect(rest).toEqual(await oneThread(events));
    } finally {
      await projector.stop();
    }
  }, 60_000);

  it('a collection the store will not take over is dropped and its projection replayed in the projector thread', async () => {
    const store = new MemoryReadStore();
    const projections = parallelTestProjections.filter((p) => p.name === 'misfiled' || p.name === 'counter');
    const projector = new Projector(events, store, projections, options({ parallel: parallel(['misfiled', 'counter']) }));
    await projector.start();
    try {
      expect(log.some((l) => l.startsWith('projector: taking over misfiled from the catch-up worker failed (') && l.endsWith('; replaying it here'))).toBe(
        true,
      );
      const misfiled = await store.find('misfiled_keys', {}, { sort: { _id: 1 } });
      const counted = await store.find('counter_keys', {}, { sort: { _id: 1 } });
      // Replayed here (where nothing is misfiled): the same counts as the counter built in the worker.
      expect(misfiled.map(({ _id, ticks, last }) => [_id, ticks, last])).toEqual(counted.map(({ _id, ticks, last }) => [_id, ticks, last]));
      expect(projector.status().projections.every((p) => p.phase === 'live')).toBe(true);
    } finally {
      await projector.stop();
    }
  }, 60_000);

  it('when the worker cannot run, its projections are caught up in the projector thread', async () => {
    const store = new MemoryReadStore();
    const projections = named('counter', 'flaky', 'pages');
    const projector = new Projector(events, store, projections, options({ parallel: parallel(['counter'], { exportName: 'nothingHere' }) }));
    await projector.start();
    try {
      expect(log.some((l) => l.startsWith('projector: the catch-up worker failed (') && l.includes('exports no projection list named nothingHere'))).toBe(true);
      expect(await contents(store)).toEqual(await oneThread(events));
    } finally {
      await projector.stop();
    }
  }, 60_000);

  it('stop() during the parallel catch-up ends start() with "stopped" and leaves no worker behind', async () => {
    const store = new MemoryReadStore();
    const projector = new Projector(
      events,
      store,
      parallelTestProjections.filter((p) => p.name === 'counter'),
      options({ parallel: parallel(['counter']) }),
    );
    const starting = projector.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await projector.stop();
    await expect(starting).rejects.toThrow('projector: stopped');
    expect(projector.status().projections[0]).toMatchObject({ name: 'counter', phase: 'stopped' });
  }, 60_000);

  it('starts no worker below minEvents, on a read store other than memory, or over an event store that cannot be shared', async () => {
    const onlyCounter = parallelTestProjections.filter((p) => p.name === 'counter');
    const few = new Projector(events, new MemoryReadStore(), onlyCounter, options({ parallel: parallel(['counter'], { minEvents: 1_000_000 }) }));
    await few.start();
    await few.stop();
    const memoryEvents = new MemoryEventStore();
    await history(memoryEvents, 100);
    const unshared = new Projector(memoryEvents, new MemoryReadStore(), onlyCounter, options({ parallel: parallel(['counter']) }));
    await unshared.start();
    await unshared.stop();
    const behind = new Projector(events, new MemoryReadStore(), onlyCounter, options({ parallel: parallel(['counter']), writeBehind: true }));
    await behind.start();
    await behind.stop();
    expect(log.filter((l) => l.includes('worker'))).toEqual([]);
  }, 60_000);
});
