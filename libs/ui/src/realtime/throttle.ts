/**
 * Calls `run` at most once per `intervalMs` with the newest value: the first call goes out at once,
 * later ones within the interval are folded into one trailing call carrying the last value. Used for
 * typing previews, where every keystroke must not become a socket packet but the final draft must.
 */
export class Throttle<T> {
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting: { value: T } | undefined;

  constructor(
    private readonly run: (value: T) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  push(value: T): void {
    const wait = this.lastRunAt + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === undefined) {
      this.fire(value);
      return;
    }
    this.waiting = { value };
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, wait));
  }

  /** Sends a folded value now (e.g. the message was sent: the draft is gone). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.fire(waiting.value);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private fire(value: T): void {
    this.lastRunAt = this.now();
    this.run(value);
  }
}
