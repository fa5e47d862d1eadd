/**
 * Projections for the parallel catch-up spec, in a module of their own: the catch-up worker loads them by file
 * and export name, as the server's worker loads @kefu/projections.
 */
import { isMainThread } from 'node:worker_threads';
import { addTo, type DocumentSet } from '@kefu/read-store';
import { docProjection, projection, type Projection } from '../projection';

export interface TickData {
  key: string;
  n: number;
}

/** Counts ticks per key and remembers the last n (what "equal documents" is checked on). */
function counter(name: string, failAt?: (n: number) => boolean, misfileInWorker = false): Projection {
  return docProjection({
    name,
    version: 1,
    handles: ['Tick'],
    collections: [`${name}_keys`],
    project(event, docs: DocumentSet) {
      const d = event.data as TickData;
      if (failAt?.(d.n)) throw new Error(`${name} refuses tick ${d.n}`);
      const doc = docs.edit<{ _id: string; _position: number; ticks?: number; last?: number }>(`${name}_keys`, d.key, event.position, true);
      if (!doc) return;
      addTo(doc, 'ticks', 1);
      doc.last = d.n;
      // A document whose _id is not its key: the store refuses to take such a collection over.
      if (misfileInWorker && !isMainThread && d.n === 2) doc._id = `${d.key}-elsewhere`;
    },
  });
}

export const parallelTestProjections: readonly Projection[] = [
  counter('counter'),
  // Throws in the worker only: the projector must replay it in its own thread, where it succeeds.
  counter('flaky', (n) => !isMainThread && n === 3),
  // Throws everywhere at tick 5: it ends failed there, as any projection that throws.
  counter('broken', (n) => n === 5),
  // Builds in the worker a collection the projector's store will not take over.
  counter('misfiled', undefined, true),
  // Counts pages (another type): stays in the projector's thread in the specs that do not name it.
  projection({
    name: 'pages',
    version: 1,
    handles: ['Page'],
    collections: ['pages'],
    async apply(event, store) {
      await store.update('pages', 'all', { $inc: { views: 1 } }, { upsert: true, atPosition: event.position });
    },
  }),
];
