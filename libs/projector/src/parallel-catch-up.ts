/**
 * The projector's parallel catch-up: at boot, a worker thread replays some projections from the first event
 * into a memory store of its own, reading `$all` through its own read-only connection, while this thread
 * catches up the others; their collections are then handed over whole (structured clone) to the main store.
 * A memory read store is rebuilt from every event at every boot, so this halves the boot of a large history on
 * a machine with a second core. The worker only runs projections that change documents synchronously
 * (`DocProjection.project`, nothing `viaStore`), and reads only the event types they handle.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStoreConfig } from '@kefu/event-store';
import type { Doc } from '@kefu/read-store';

export interface ParallelCatchUp {
  /** File of a module exporting the projections (`exportName`), loadable in a worker thread. */
  module: string;
  exportName: string;
  /** Names of the projections the worker catches up (the rest stay in the projector's thread). */
  inWorker: readonly string[];
  /** Fewest events to replay for which a worker is worth starting (default 100 000). */
  minEvents?: number;
}

/** What the worker is asked (its workerData). */
export interface CatchUpRequest {
  events: EventStoreConfig;
  module: string;
  exportName: string;
  names: readonly string[];
  /** Replays positions 1..until. */
  until: number;
}

export interface CatchUpFailure {
  message: string;
  position: number;
  type: string;
}

/** One projection the worker caught up: its collections (those it wrote), or why it stopped. */
export type CaughtUp =
  { name: string; collections: [collection: string, docs: Map<string, Doc>][]; failure?: undefined } | { name: string; failure: CatchUpFailure };

/**
 * The worker's messages. Each collection comes in a message of its own, before `done`: the projector's thread
 * copies one in while the worker copies out the next (structured clone is most of a hand-over).
 */
export type FromCatchUpWorker =
  | { kind: 'log'; line: string }
  | { kind: 'collection'; projection: string; collection: string; docs: Map<string, Doc> }
  | { kind: 'done'; until: number; failures: { name: string; failure: CatchUpFailure }[] };

export interface CatchUpInWorker {
  /** The worker's outcome; rejects when it could not run (it then built nothing). */
  readonly result: Promise<{ until: number; projections: CaughtUp[] }>;
  /** Stops the worker; `result` then rejects. */
  cancel(): Promise<void>;
}

const WORKER_ENTRY = path.join(__dirname, `catch-up.worker${path.extname(__filename)}`);
const WORKER_EXEC_ARGV = path.extname(__filename) === '.ts' ? ['-r', path.join(__dirname, '..', '..', '..', 'scripts', 'register-ts.cjs')] : [];

export function catchUpInWorker(request: CatchUpRequest, log: (line: string) => void): CatchUpInWorker {
  const worker = new Worker(WORKER_ENTRY, { workerData: request, execArgv: WORKER_EXEC_ARGV });
  const result = new Promise<{ until: number; projections: CaughtUp[] }>((resolve, reject) => {
    const built = new Map<string, [collection: string, docs: Map<string, Doc>][]>(request.names.map((name) => [name, []]));
    worker.on('message', (message: FromCatchUpWorker) => {
      if (message.kind === 'log') log(message.line);
      else if (message.kind === 'collection') built.get(message.projection)?.push([message.collection, message.docs]);
      else {
        const failed = new Map(message.failures.map((f) => [f.name, f.failure]));
        const projections = request.names.map((name): CaughtUp => {
          const failure = failed.get(name);
          return failure ? { name, failure } : { name, collections: built.get(name)! };
        });
        resolve({ until: message.until, projections });
      }
    });
    worker.on('error', reject);
    // After 'done' this changes nothing (a promise settles once).
    worker.on('exit', (code) => reject(new Error(`the catch-up worker exited (code ${code}) before it was done`)));
  });
  return {
    result,
    cancel: async () => {
      await worker.terminate();
    },
  };
}
