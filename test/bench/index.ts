/**
 * `npm run bench`: every benchmark in one run, each figure beside a baseline measured in the same run
 * (this machine is shared and noisy: ratios travel, absolute numbers do not). Prints a table and
 * writes the rows as JSON to test/bench/results/latest.json. `--quick` for a short smoke run;
 * `--only=<part of a name>` runs the matching benchmarks (e.g. --only=message). A full run of every
 * benchmark also writes BENCHMARKS.md's figures and the latency plot (test/bench/report.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { valueText, type BenchRow } from './bench-row';
import { benchBundleSizes } from './bundle-sizes.bench';
import { benchEventStore } from './event-store.bench';
import { benchIdleSockets } from './idle-sockets.bench';
import { benchMessagePath } from './message-path.bench';
import { benchRebuild } from './rebuild.bench';
import { benchReportQueries } from './report-query.bench';
import { readMessagePath, writeBenchmarksMd, writePlot } from './report';

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`kefu bench ${new Date().toISOString()} on ${machine}${quick ? ' (quick)' : ''}`);
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const benches: [string, () => Promise<BenchRow[]> | BenchRow[]][] = [
    ['event store', () => benchEventStore({ quick })],
    ['message path', () => benchMessagePath({ quick })],
    ['idle sockets', () => benchIdleSockets({ quick })],
    ['bundle sizes', () => benchBundleSizes()],
    ['rebuild', () => benchRebuild({ quick })],
    ['report queries', () => benchReportQueries({ quick })],
  ];
  const rows: BenchRow[] = [];
  for (const [name, run] of benches) if (!only || name.includes(only)) rows.push(...(await run()));
  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      value: valueText(r, fmt),
      baseline: r.baseline ? `${r.baseline}: ${fmt(r.baselineValue)} ${r.unit}` : '',
      ratio: r.ratio === undefined ? '' : r.ratio.toFixed(2),
      goal: r.goal ? `${r.goal}: ${r.met ? 'met' : 'MISSED'}` : '',
    })),
  );
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(join(dir, quick || only ? 'latest.partial.json' : 'latest.json'), JSON.stringify({ at, machine, quick, only, rows }, null, 2));
  const messagePath = readMessagePath(quick);
  if (messagePath) writePlot(messagePath);
  if (!quick && !only) writeBenchmarksMd(rows, machine, at, messagePath);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
