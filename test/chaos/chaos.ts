/**
 * `npm run chaos`: the reliability cases of issue 7, each a pass/fail with the figures behind it,
 * printed as one table (and written to test/bench/results/chaos*.json, not committed). Every case talks to 127.0.0.1
 * only, starts and stops its own processes, and ends by itself. `--quick` runs the shortened version
 * `npm test` runs (test/chaos/chaos.int-spec.ts); `--only=<part of a name>` runs the matching cases.
 * Exit code 1 when any case fails (a skipped case, e.g. no redis-server here, says why and does not fail).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chaosCases } from './cases';
import { generousHttpLimits } from '../bench/message-path.bench';
import type { ChaosCase, ChaosOptions, ChaosOutcome } from './support/chaos-case';
import { startShiftedServer } from './support/shifted-server';

export async function runChaos(opts: { quick: boolean; only?: string; log?: (line: string) => void }): Promise<ChaosOutcome[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let shared: ReturnType<typeof startShiftedServer> | undefined;
  const options: ChaosOptions = { quick: opts.quick, log, ...(opts.quick ? { shared: () => (shared ??= startShiftedServer(generousHttpLimits())) } : {}) };
  const selected = chaosCases.filter(({ title }) => !opts.only || title.toLowerCase().includes(opts.only.toLowerCase()));
  const byCase = new Map<string, ChaosOutcome>();
  const inTurn = async (cases: typeof selected) => {
    for (const { title, run } of cases) byCase.set(title, await runCase(title, run, options));
  };
  try {
    if (opts.quick) {
      // Two lanes side by side: the cases with processes of their own one after the other, and beside
      // them the cases sharing one server (its boot included). Each lane still runs one case at a time,
      // and the two never touch each other's processes; the verdicts are about correctness, not speed,
      // so sharing the CPU does not change what they check (the full run keeps every case alone).
      await Promise.all([inTurn(selected.filter((c) => !c.usesShared)), inTurn(selected.filter((c) => c.usesShared))]);
    } else {
      await inTurn(selected);
    }
  } finally {
    await (await shared?.catch(() => undefined))?.dispose();
  }
  // In the order of the cases, whichever lane finished first.
  return selected.flatMap(({ title }) => byCase.get(title) ?? []);
}

async function runCase(title: string, run: ChaosCase, options: ChaosOptions): Promise<ChaosOutcome> {
  options.log(`▶ ${title}`);
  const started = Date.now();
  let outcome: ChaosOutcome;
  try {
    outcome = await run(options);
  } catch (error) {
    outcome = { name: title, verdict: 'fail', figures: {}, reason: `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  outcome.seconds = Math.round((Date.now() - started) / 100) / 10;
  options.log(`  ${title}: ${outcome.verdict.toUpperCase()} in ${outcome.seconds} s${outcome.reason ? `: ${outcome.reason}` : ''}`);
  return outcome;
}

export function chaosTable(outcomes: ChaosOutcome[]): Record<string, string>[] {
  return outcomes.map((o) => ({
    case: o.name,
    result: o.verdict === 'pass' ? 'PASS' : o.verdict === 'fail' ? 'FAIL' : 'SKIPPED',
    figures: Object.entries(o.figures)
      .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
      .join(', '),
    seconds: String(o.seconds ?? ''),
    ...(o.reason ? { why: o.reason.split('\n')[0]! } : {}),
  }));
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  console.log(`kefu chaos ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}${quick ? ' (quick)' : ''}`);
  const outcomes = await runChaos({ quick, ...(only ? { only } : {}) });
  console.table(chaosTable(outcomes));
  const failed = outcomes.filter((o) => o.verdict === 'fail').length;
  console.log(
    `${outcomes.filter((o) => o.verdict === 'pass').length} passed, ${failed} failed, ${outcomes.filter((o) => o.verdict === 'skipped').length} skipped`,
  );
  const dir = join(__dirname, '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, quick ? 'chaos.quick.json' : 'chaos.json'), JSON.stringify({ at: new Date().toISOString(), quick, outcomes }, null, 2));
  process.exit(failed > 0 ? 1 : 0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
