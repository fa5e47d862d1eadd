/**
 * Report query latency (J1–J6, ★ funnel): one site with a year of hourly buckets (a year of generated
 * traffic projected into the memory read store: 365 day documents of 24 hour slots per report), then each
 * report over the whole year, 40 times; p95 reported. Baseline: the bare `find` of the site's 365 day
 * documents of the visitors report (the read every report pays before summing). Goal: p95 ≤ 100 ms.
 * Standalone: node -r ./scripts/register-ts.cjs test/bench/report-query.bench.ts [--quick]
 */
import { performance } from 'node:perf_hooks';
import { MemoryEventStore } from '@kefu/event-store';
import { Projector } from '@kefu/projector';
import { MemoryReadStore, type ReadStore } from '@kefu/read-store';
import { allProjections, STATS_VISITORS } from '@kefu/projections';
import { writeTraffic } from '../fixtures/generate-traffic';
import {
  invitationFunnelReport,
  keywordsReport,
  pagesReport,
  ratingsReport,
  regionsReport,
  sourcesReport,
  visitorsReport,
  type Period,
} from '../../apps/server/src/reports/report-queries';
import type { BenchRow } from './bench-row';

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

async function time(runs: number, query: () => Promise<unknown>): Promise<number> {
  await query();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    samples.push(performance.now() - started);
  }
  return p95(samples);
}

export async function benchReportQueries({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const days = quick ? 60 : 365;
  const events = new MemoryEventStore();
  const summary = await writeTraffic(events, { seed: 365, start: '2025-01-01T00:00:00.000Z', days, sites: 1, agentsPerSite: 3, visitsPerDay: 120 });
  const reads: ReadStore = new MemoryReadStore();
  const projector = new Projector(events, reads, [...allProjections], { log: () => undefined, batchSize: 5000 });
  await projector.start();
  await projector.stop();
  const siteId = summary.siteIds[0]!;
  const names = new Map<string, string>();
  const year: Omit<Period, 'granularity'> = { siteId, timeZone: 'Asia/Shanghai', from: '2025-01-01', to: days === 365 ? '2025-12-31' : '2025-03-01' };
  const runs = quick ? 10 : 40;
  const buckets = await reads.count(STATS_VISITORS, { siteId });
  const baseline = await time(runs, () => reads.find(STATS_VISITORS, { siteId, day: { $gte: year.from, $lte: year.to } }));
  const queries: [string, () => Promise<unknown>][] = [
    ['J1 visitors, hourly series', () => visitorsReport(reads, { ...year, granularity: 'hour' }, 1)],
    ['J1 visitors, monthly series', () => visitorsReport(reads, { ...year, granularity: 'month' }, 1)],
    ['J2 pages', () => pagesReport(reads, { ...year, granularity: 'day' }, 1)],
    ['J3 sources', () => sourcesReport(reads, { ...year, granularity: 'day' }, 1)],
    ['J4 keywords', () => keywordsReport(reads, { ...year, granularity: 'day' }, 1)],
    ['J5 regions', () => regionsReport(reads, { ...year, granularity: 'day' }, 1, 'city')],
    ['J6 ratings', () => ratingsReport(reads, { ...year, granularity: 'day' }, 1, names)],
    ['★ invitation funnel', () => invitationFunnelReport(reads, { ...year, granularity: 'day' }, 1, names)],
  ];
  const rows: BenchRow[] = [];
  for (const [name, query] of queries) {
    const value = await time(runs, query);
    rows.push({
      name: `report query p95 over ${days} days of hourly buckets (${buckets} day documents × 24 h): ${name}`,
      value: Number(value.toFixed(1)),
      unit: 'ms',
      baseline: 'find of the 365 day documents alone',
      baselineValue: Number(baseline.toFixed(1)),
      ratio: value / baseline,
      goal: 'p95 ≤ 100 ms',
      met: value <= 100,
      note: `${summary.events.toLocaleString('en-US')} events projected`,
    });
  }
  return rows;
}

if (require.main === module) {
  benchReportQueries({ quick: process.argv.includes('--quick') })
    .then((rows) => console.table(rows.map((r) => ({ name: r.name, p95: r.value, baseline: r.baselineValue }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
