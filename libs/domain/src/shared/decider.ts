/**
 * A decider: pure functions from a command and the state folded from a stream's events to new events.
 * Events are `{ type, data }`; the command handler gives them ids and metadata when appending.
 * `decide` throws a DomainError for a broken rule and returns [] when there is nothing to do.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

export interface Decider<C, E extends DomainEvent, S> {
  /** The stream's name prefix, e.g. `chat` for `chat-{id}`. */
  readonly streamPrefix: string;
  readonly initialState: S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
}

/** Fold a list of events into a state (used by handlers, auditors' "as of" and tests). */
export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S {
  return events.reduce((s, e) => decider.evolve(s, e), decider.initialState);
}

export function streamName(prefix: string, id: string): string {
  return `${prefix}-${id}`;
}

/** Compile-time exhaustiveness check for switches over unions. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
