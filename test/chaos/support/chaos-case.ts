/** One chaos or reliability case: a pass/fail verdict with the figures that justify it. */
export interface ChaosOutcome {
  name: string;
  /** 'skipped' says why in `reason` (e.g. a binary this machine does not have). */
  verdict: 'pass' | 'fail' | 'skipped';
  figures: Record<string, string | number>;
  /** What failed, or why it was skipped. */
  reason?: string;
  seconds?: number;
}

export interface ChaosOptions {
  /** The shortened run `npm test` does (test/chaos/chaos.int-spec.ts). */
  quick: boolean;
  log: (line: string) => void;
  /**
   * In the shortened run, the cases that need no process of their own share one product server (booting
   * one is most of a short case's time): clock-shiftable, HTTP limits raised, chat-request limit as shipped.
   */
  shared?: () => Promise<SharedServer>;
}

export interface SharedServer {
  server: import('../../bench/support/server-process').ServerProcess;
  /** Shift the server's clock forward to `ms` past real time (test/chaos/support/clock-offset.cjs). */
  shiftClock(ms: number): Promise<void>;
}

export type ChaosCase = (options: ChaosOptions) => Promise<ChaosOutcome>;

/** A check inside a case: collects what went wrong instead of stopping at the first. */
export class Verdict {
  readonly problems: string[] = [];

  check(ok: boolean, problem: string): boolean {
    if (!ok) this.problems.push(problem);
    return ok;
  }

  outcome(name: string, figures: ChaosOutcome['figures']): ChaosOutcome {
    return this.problems.length === 0
      ? { name, verdict: 'pass', figures }
      : {
          name,
          verdict: 'fail',
          figures,
          reason: this.problems.slice(0, 5).join('; ') + (this.problems.length > 5 ? ` (+${this.problems.length - 5} more)` : ''),
        };
  }
}
