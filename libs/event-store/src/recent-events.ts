import type { RecordedEvent } from './port';

/**
 * The newest events read forwards from `$all`, shared by every subscription of one process.
 * A server follows `$all` with several subscribers (projector, live delivery, monitoring, sessions);
 * without this each of them would read and parse every new row again. The window holds, for
 * `lo < position <= hi`, every committed event in that range (it only ever takes in a complete forward
 * read), so answering from it is the same as answering from the table. Events handed out are frozen:
 * one subscriber cannot change what another sees.
 */
export class RecentEvents {
  private events: RecordedEvent[] = [];
  private lo = -1;

  constructor(private readonly capacity: number) {}

  private get hi(): number {
    return this.events[this.events.length - 1]?.position ?? this.lo;
  }

  /** Up to `limit` events after `after` when the window covers that point; undefined when it does not. */
  read(after: number, limit: number): RecordedEvent[] | undefined {
    if (this.lo < 0 || after < this.lo || after >= this.hi || limit <= 0) return undefined;
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid]!.position <= after) low = mid + 1;
      else high = mid;
    }
    return this.events.slice(low, low + limit);
  }

  /**
   * Takes in a complete forward read: every committed event in (after, last position read].
   * Only reads at or past the window's end are kept, so a subscriber catching up from far behind
   * does not push out the events the live ones share.
   */
  remember(after: number, read: RecordedEvent[]): RecordedEvent[] {
    if (read.length === 0) return read;
    if (this.lo >= 0 && after === this.hi) this.events.push(...read);
    else if (after > this.hi || this.lo < 0) {
      this.events = [...read];
      this.lo = after;
    } else return read;
    // Only what is kept is shared, so only that is frozen (freezing every event of a long catch-up cost ~5%).
    for (const e of read) deepFreeze(e);
    const excess = this.events.length - this.capacity;
    if (excess > 0) {
      this.lo = this.events[excess - 1]!.position;
      this.events = this.events.slice(excess);
    }
    return read;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
