/**
 * `npm run bench`: every benchmark in one run, each figure beside a baseline measured in the same run
 * (this machine is shared and noisy: ratios travel, absolute numbers do not). Prints a table and
 * writes the rows as JSON to test/bench/results/latest.json. `--quick` for a short smoke run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './bench-row';
import { benchEventStore } from './event-store.bench';

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`kefu bench ${new Date().toISOString()} on ${machine}${quick ? ' (quick)' : ''}`);
  const rows: BenchRow[] = [...(await benchEventStore({ quick }))];
  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      value: `${fmt(r.value)} ${r.unit}`,
      baseline: r.baseline ? `${r.baseline}: ${fmt(r.baselineValue)} ${r.unit}` : '',
      ratio: r.ratio === undefined ? '' : r.ratio.toFixed(2),
    })),
  );
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), machine, quick, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
