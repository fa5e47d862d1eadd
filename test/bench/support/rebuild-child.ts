/**
 * One measurement of the rebuild benchmark, in a process of its own started for it, as `npm start` starts
 * the server that rebuilds its read models at boot: a fresh heap holding nothing but what is measured.
 * argv: <sqlite event store file> <read | rebuild | one-thread | write-behind | mongodb> [--profile]
 * Prints one line `RESULT {"events":…,"seconds":…}` (and, with --profile, the hottest functions).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteEventStore, type EventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore, MongoReadStore, type ReadStore } from '@kefu/read-store';
import { allProjections, parallelCatchUp } from '@kefu/projections';
import { hottestFunctions } from './profile-summary';

export type RebuildMode = 'read' | 'rebuild' | 'one-thread' | 'write-behind' | 'mongodb';

/** Reads `$all` a page at a time, as the projector does, handing the events to nobody. */
async function readAll(events: EventStore, total: number): Promise<void> {
  const sub = events.subscribeToAll({ after: 0 });
  let n = 0;
  for await (const page of sub.dataPages?.() ?? sub.pages!()) {
    n += page.length;
    if (n >= total) break;
  }
  await sub.close();
}

async function rebuild(events: EventStore, reads: ReadStore, options: { writeBehind?: boolean; oneThread?: boolean } = {}): Promise<void> {
  // The server's own settings (apps/server/src/platform/projector.service.ts): batch and progress defaults, and
  // the parallel catch-up (which only a memory read store takes), unless measuring without it.
  const projector = new Projector(events, reads, [...allProjections], {
    log: process.env['BENCH_LOG'] ? (l) => console.log(l) : () => undefined,
    ...(options.writeBehind !== undefined && { writeBehind: options.writeBehind }),
    ...(options.oneThread !== true && { parallel: parallelCatchUp }),
  });
  await projector.start();
  await projector.stop();
  const failed = projector.status().projections.filter((p) => p.phase === 'failed');
  if (failed.length > 0) throw new Error(`rebuild failed: ${failed.map((f) => `${f.name}: ${f.failure?.message}`).join('; ')}`);
}

/** Runs `work` under the V8 sampling profiler, writes the profile and prints its hottest functions. */
async function profiled(label: string, work: () => Promise<void>): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    const dir = join(__dirname, '..', 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${label}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`cpu profile: ${file}`);
    for (const line of hottestFunctions(file, 25)) console.log(line);
  }
}

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2) as [string, RebuildMode];
  const events = openSqliteEventStore(file);
  let mongo: MongoReadStore | undefined;
  try {
    const total = await events.headPosition();
    const work = async (): Promise<void> => {
      if (mode === 'read') return readAll(events, total);
      if (mode === 'rebuild') return rebuild(events, new MemoryReadStore());
      if (mode === 'one-thread') return rebuild(events, new MemoryReadStore(), { oneThread: true });
      if (mode === 'write-behind') return rebuild(events, new MemoryReadStore(), { writeBehind: true });
      mongo = await MongoReadStore.connect(process.env['MONGODB_URL']!, { prefix: `bench_${Date.now()}_` });
      return rebuild(events, mongo);
    };
    const started = performance.now();
    if (process.argv.includes('--profile')) await profiled(`rebuild-${mode}`, work);
    else await work();
    const seconds = (performance.now() - started) / 1000;
    console.log(`RESULT ${JSON.stringify({ events: total, seconds, heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}`);
  } finally {
    if (mongo) {
      for (const c of await mongo.listCollections()) await mongo.drop(c);
      await mongo.close();
    }
    await events.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
