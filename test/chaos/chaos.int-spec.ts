import { chaosTable, runChaos } from './chaos';

/**
 * The chaos suite, shortened (the same cases as `npm run chaos --quick`): kill -9 under load, a client
 * offline for 10 minutes, two processes with Redis, the projector killed mid-rebuild, the bad-input
 * catalogue. Each case starts and stops its own processes on 127.0.0.1.
 */
describe('chaos and reliability, shortened (issue 7; C8 K1 K4 D4)', () => {
  it('passes every case (a case whose tool is missing here is skipped with its reason)', async () => {
    const lines: string[] = [];
    const outcomes = await runChaos({ quick: true, log: (l) => lines.push(l) });
    const failed = outcomes.filter((o) => o.verdict === 'fail');
    if (failed.length > 0) console.log(lines.join('\n'));
    console.log(
      chaosTable(outcomes)
        .map((r) => `${r['result']}  ${r['case']}  ${r['figures']}${r['why'] ? `  (${r['why']})` : ''}`)
        .join('\n'),
    );
    expect(failed.map((o) => `${o.name}: ${o.reason}`)).toEqual([]);
  }, 120_000);
});
