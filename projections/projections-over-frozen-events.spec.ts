/**
 * K3: every projection over a generated history whose events are deep-frozen, as the SQLite store hands out
 * the events it shares between its live subscribers. A DocProjection keeps event values by reference in its
 * documents, so one that changed an event value in place would fail here (TypeError on a frozen object) and
 * nowhere else but in production; and the documents must be the ones built from unfrozen events.
 */
import { MemoryEventStore, type AllSubscription, type EventStore, type RecordedEvent } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore, type Doc } from '@kefu/read-store';
import { writeTraffic } from '../test/fixtures/generate-traffic';
import { allProjections } from './index';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** The events of `store`, each deep-frozen before any projection sees it. */
function freezing(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'subscribeToAll') return Reflect.get(target, key, receiver) as unknown;
      return (...args: Parameters<EventStore['subscribeToAll']>): AllSubscription => {
        const inner = target.subscribeToAll(...args);
        return {
          close: () => inner.close(),
          async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
            for await (const event of inner) yield deepFreeze(event);
          },
        };
      };
    },
  });
}

async function build(events: EventStore): Promise<{ reads: MemoryReadStore; failed: string[] }> {
  const reads = new MemoryReadStore();
  const projector = new Projector(events, reads, [...allProjections], { log: () => undefined, retryDelaysMs: [] });
  await projector.start();
  await projector.stop();
  const failed = projector
    .status()
    .projections.filter((p) => p.failure)
    .map((p) => `${p.name}: ${p.failure!.message}`);
  return { reads, failed };
}

describe('K3 projections over frozen events', () => {
  it('build the same documents as from unfrozen events, and never change an event', async () => {
    const events = new MemoryEventStore();
    await writeTraffic(events, { seed: 7, days: 2, sites: 2, agentsPerSite: 2, visitsPerDay: 300, maxEvents: 15_000 });

    const plain = await build(events);
    const frozen = await build(freezing(events));

    expect(plain.failed).toEqual([]);
    expect(frozen.failed).toEqual([]);
    let documents = 0;
    for (const p of allProjections) {
      for (const c of p.collections) {
        const a = await plain.reads.find<Doc>(c, {}, { sort: { _id: 1 } });
        const b = await frozen.reads.find<Doc>(c, {}, { sort: { _id: 1 } });
        expect({ collection: c, docs: b }).toEqual({ collection: c, docs: a });
        documents += a.length;
      }
    }
    // The comparison covered a real history (the working documents of ended visits are gone by then).
    expect(documents).toBeGreaterThan(3_000);
    await events.close();
  }, 60_000);
});
