/** Ids in the order they were added, shared by every version of a set built from one another. */
interface Log {
  readonly ids: string[];
  /** id → its place in `ids` (each id is in the log once). */
  readonly at: Map<string, number>;
}

/**
 * The ids of the messages posted in a chat, as an immutable set that adds an id without copying the
 * others: the chat state evolves once per message, and copying a Set there cost O(chat length) of work
 * and garbage per message. Every version is a prefix of one shared append-only log, so a version never
 * sees ids added after it; adding to a version that is not the newest (two states evolved from one)
 * copies its prefix into a log of its own.
 */
export class MessageIds implements Iterable<string> {
  private constructor(
    private readonly log: Log,
    readonly size: number,
  ) {}

  static empty(): MessageIds {
    return new MessageIds({ ids: [], at: new Map() }, 0);
  }

  has(id: string): boolean {
    const at = this.log.at.get(id);
    return at !== undefined && at < this.size;
  }

  /** This set with `id` added (this one is unchanged). */
  with(id: string): MessageIds {
    if (this.has(id)) return this;
    let log = this.log;
    // The empty set is every chat's initial state: each chat starts a log of its own.
    if (this.size === 0) log = { ids: [], at: new Map() };
    else if (log.ids.length !== this.size) {
      const ids = log.ids.slice(0, this.size);
      log = { ids, at: new Map(ids.map((m, i) => [m, i])) };
    }
    log.at.set(id, log.ids.length);
    log.ids.push(id);
    return new MessageIds(log, this.size + 1);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.size; i++) yield this.log.ids[i]!;
  }

  /** Shown as a Set is by the audit (K4: the state as of an instant): the ids, sorted. */
  toJSON(): string[] {
    return [...this].sort();
  }
}
