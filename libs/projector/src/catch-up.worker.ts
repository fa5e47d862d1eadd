/**
 * Worker thread of the parallel catch-up (see parallel-catch-up.ts): replays the named projections over
 * positions 1..until into a memory store of its own and posts their collections back. A projection that throws
 * is reported with its failure and its documents are dropped: the projector then replays it in its own thread,
 * where a failure is retried and reported as usual.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore, type DataOnlyEvent } from '@kefu/event-store';
import { type Doc, MemoryReadStore } from '@kefu/read-store';
import type { CatchUpFailure, CatchUpRequest, FromCatchUpWorker } from './parallel-catch-up';
import type { DocProjection, Projection } from './projection';

type Project = DocProjection['project'];

async function catchUp(request: CatchUpRequest): Promise<void> {
  const exported = (createRequire(__filename)(request.module) as Record<string, unknown>)[request.exportName];
  if (!Array.isArray(exported)) throw new Error(`${request.module} exports no projection list named ${request.exportName}`);
  const known = exported as readonly Projection[];
  const chosen = request.names.map((name) => {
    const projection = known.find((p) => p.name === name) as Partial<DocProjection> | undefined;
    if (!projection) throw new Error(`no projection named ${name} in ${request.module}`);
    if (typeof projection.project !== 'function' || (projection.viaStore?.types.length ?? 0) > 0) {
      throw new Error(`projection ${name} does not change its documents only synchronously: it cannot be caught up in a worker`);
    }
    return projection as DocProjection;
  });
  const byType = new Map<string, { name: string; project: Project }[]>();
  for (const projection of chosen) {
    const project = projection.project.bind(projection);
    for (const type of projection.handles) {
      let handlers = byType.get(type);
      if (!handlers) byType.set(type, (handlers = []));
      handlers.push({ name: projection.name, project });
    }
  }

  const events = await createEventStore(request.events);
  const store = new MemoryReadStore();
  const docs = store.documents();
  const failures = new Map<string, CatchUpFailure>();
  const started = performance.now();
  let count = 0;
  try {
    if (!events.readDataRange) throw new Error(`the ${events.kind} event store cannot read a range of $all`);
    for await (const page of events.readDataRange({ after: 0, until: request.until, types: [...byType.keys()] })) {
      for (const event of page) {
        const handlers = byType.get(event.type);
        if (!handlers) continue;
        count++;
        for (const { name, project } of handlers) {
          if (failures.has(name)) continue;
          try {
            project(event as DataOnlyEvent, docs);
          } catch (err) {
            failures.set(name, { message: err instanceof Error ? err.message : String(err), position: event.position, type: event.type });
          }
        }
      }
    }
  } finally {
    await events.close();
  }
  const seconds = (performance.now() - started) / 1000;
  post({
    kind: 'log',
    line: `projector: worker caught up ${chosen.length} projection(s) to position ${request.until}: ${count} events of their types in ${seconds.toFixed(1)} s`,
  });

  for (const { name, collections } of chosen) {
    if (failures.has(name)) continue;
    for (const collection of collections) {
      // Posted (copied) and then dropped with this thread: the projector's store owns the copy.
      const stored = store.collectionDocuments(collection);
      if (stored) post({ kind: 'collection', projection: name, collection, docs: stored as Map<string, Doc> });
    }
  }
  post({ kind: 'done', until: request.until, failures: [...failures].map(([name, failure]) => ({ name, failure })) });
}

function post(message: FromCatchUpWorker): void {
  parentPort!.postMessage(message);
}

catchUp(workerData as CatchUpRequest).catch((err: unknown) => {
  // Thrown outside the promise: an uncaught error reaches the projector as the worker's 'error' event.
  setImmediate(() => {
    throw err;
  });
});
