import { performance } from 'node:perf_hooks';
import { Projector } from '@kefu/projector';
import { MemoryReadStore } from '@kefu/read-store';
import { allProjections } from '@kefu/projections';
import { trafficStore } from '/work/main/test/bench/rebuild.bench';
async function main() {
  const { store, events } = await trafficStore({ seed: 2026, days: 3, sites: 3, agentsPerSite: 4, visitsPerDay: 1520, maxEvents: 100_000 });
  const only = process.argv[2];
  const sets = only === 'all' ? [[...allProjections]] : only === 'none' ? [[]] : [[...allProjections], ...allProjections.map((p) => [p])];
  for (let rep = 0; rep < 2; rep++) for (const ps of sets) {
    const projector = new Projector(store, new MemoryReadStore(), ps, { log: () => undefined, batchSize: 5000, progressEvery: 1e9 });
    const t = performance.now();
    await projector.start();
    const ms = performance.now() - t;
    await projector.stop();
    if (rep === 1) console.log((ps.length === 1 ? ps[0]!.name : ps.length + ' projections').padEnd(24), Math.round(events / (ms / 1000)), 'ev/s', (ms * 1000 / events).toFixed(2), 'us/ev');
  }
}
void main();
