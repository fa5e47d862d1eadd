/**
 * Rebuild benchmark (K3): a full rebuild of every read model from 1M events of generated traffic
 * (test/fixtures/generate-traffic.ts), through the projector, into the memory read store; and into
 * MongoDB when MONGODB_URL is set. Baseline: reading the same events from `$all` alone (the floor any
 * rebuild pays). Goal: ≥ 100k events/s into the memory read store. The events come from the memory event
 * store (what the projections and the projector cost); one more row rebuilds from the same events in a
 * SQLite file, which is what `npm start` on the embedded default does at every boot.
 * Standalone: node -r ./scripts/register-ts.cjs test/bench/rebuild.bench.ts [--quick] [--profile]
 * (`--profile` samples the memory rebuild alone and prints its hottest functions; the profile and its
 * folded stacks go to test/bench/results/profiles/).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryEventStore, openSqliteEventStore, type EventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore, MongoReadStore, type ReadStore } from '@kefu/read-store';
import { allProjections } from '@kefu/projections';
import { writeTraffic, type TrafficOptions } from '../fixtures/generate-traffic';
import type { BenchRow } from './bench-row';
import { hottestFunctions } from './support/profile-summary';

/** 30 days of 3 sites with ~1,500 visits a day each, cut at exactly 1M events. */
export const MILLION: TrafficOptions = { seed: 2026, days: 30, sites: 3, agentsPerSite: 4, visitsPerDay: 1520, maxEvents: 1_000_000 };
const QUICK: TrafficOptions = { ...MILLION, days: 3, maxEvents: 100_000 };

export async function trafficStore(options: TrafficOptions): Promise<{ store: EventStore; events: number }> {
  const store = new MemoryEventStore();
  const summary = await writeTraffic(store, options);
  return { store, events: summary.events };
}

async function readAllRate(events: EventStore, total: number): Promise<number> {
  const started = performance.now();
  const sub = events.subscribeToAll({ after: 0 });
  let n = 0;
  for await (const e of sub) {
    if (e.position > 0) n++;
    if (n >= total) break;
  }
  await sub.close();
  return total / ((performance.now() - started) / 1000);
}

async function rebuildRate(events: EventStore, reads: ReadStore, total: number, writeBehind?: boolean): Promise<number> {
  const projector = new Projector(events, reads, [...allProjections], {
    log: process.env['BENCH_LOG'] ? (l) => console.log(l) : () => undefined,
    batchSize: 5000,
    progressEvery: 10_000_000,
    ...(writeBehind !== undefined && { writeBehind }),
  });
  const started = performance.now();
  await projector.start();
  const seconds = (performance.now() - started) / 1000;
  await projector.stop();
  const failed = projector.status().projections.filter((p) => p.phase === 'failed');
  if (failed.length > 0) throw new Error(`rebuild failed: ${failed.map((f) => `${f.name}: ${f.failure?.message}`).join('; ')}`);
  return total / seconds;
}

/** Runs `work` under the V8 sampling profiler and writes the profile; returns what `work` returned. */
async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    const dir = join(__dirname, 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${label}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`cpu profile: ${file}`);
    for (const line of hottestFunctions(file, 25)) console.log(line);
  }
}

export async function benchRebuild({ quick, profile = false }: { quick: boolean; profile?: boolean }): Promise<BenchRow[]> {
  const options = quick ? QUICK : MILLION;
  const { store, events } = await trafficStore(options);
  const baseline = await readAllRate(store, events);
  const rebuildMemory = () => rebuildRate(store, new MemoryReadStore(), events);
  const memory = profile ? await profiled('rebuild-memory', rebuildMemory) : await rebuildMemory();
  const rows: BenchRow[] = [
    {
      name: `rebuild of ${allProjections.length} read models, ${events.toLocaleString('en-US')} events → memory read store`,
      value: Math.round(memory),
      unit: 'events/s',
      baseline: 'reading $all alone',
      baselineValue: Math.round(baseline),
      ratio: memory / baseline,
      goal: '≥ 100,000 events/s',
      met: memory >= 100_000,
    },
  ];
  // The path a MongoDB read store takes by default (batches applied to a working set, one writeMany per
  // collection per batch), measured on the memory store: what the working set itself costs.
  const writeBehind = await rebuildRate(store, new MemoryReadStore(), events, true);
  rows.push({
    name: `rebuild, ${events.toLocaleString('en-US')} events → memory read store through the write-behind working set`,
    value: Math.round(writeBehind),
    unit: 'events/s',
    baseline: 'memory read store, per event',
    baselineValue: Math.round(memory),
    ratio: writeBehind / memory,
    note: 'the catch-up path of a MongoDB read store, without the network',
  });
  rows.push(...(await sqliteRows(store, events)));
  const url = process.env['MONGODB_URL'];
  if (url) {
    const mongo = await MongoReadStore.connect(url, { prefix: `bench_${Date.now()}_` });
    try {
      const rate = await rebuildRate(store, mongo, events);
      rows.push({
        name: `rebuild, ${events.toLocaleString('en-US')} events → MongoDB`,
        value: Math.round(rate),
        unit: 'events/s',
        baseline: 'memory read store',
        baselineValue: Math.round(memory),
        ratio: rate / memory,
      });
      for (const c of await mongo.listCollections()) await mongo.drop(c);
    } finally {
      await mongo.close();
    }
  } else {
    rows.push({ name: 'rebuild → MongoDB', value: 0, unit: 'events/s', skipped: 'MONGODB_URL is not set' });
  }
  await store.close();
  return rows;
}

/** The same rebuild with the events read from a SQLite file (the embedded default), against reading that file alone. */
async function sqliteRows(source: EventStore, total: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-rebuild-'));
  const sqlite = openSqliteEventStore(join(dir, 'events.sqlite'));
  try {
    // Copied in position order, a page at a time, each page appended concurrently (group commit).
    for (let after = 0; after < total; after += 2000) {
      const page = await source.readAll({ after, maxCount: 2000 });
      await Promise.all(page.map((e) => sqlite.append(e.streamId, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], 'any')));
    }
    const reading = await readAllRate(sqlite, total);
    const rate = await rebuildRate(sqlite, new MemoryReadStore(), total);
    return [
      {
        name: `rebuild of ${allProjections.length} read models, ${total.toLocaleString('en-US')} events from the SQLite event store → memory read store`,
        value: Math.round(rate),
        unit: 'events/s',
        baseline: 'reading the SQLite $all alone',
        baselineValue: Math.round(reading),
        ratio: rate / reading,
        note: 'what `npm start` does at boot on the embedded default',
      },
    ];
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchRebuild({ quick: process.argv.includes('--quick'), profile: process.argv.includes('--profile') })
    .then((rows) => console.table(rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
