import type { RecordedEvent } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';

/**
 * A projection owns one read model (one or more collections). It declares the event types it
 * handles and a version: changing its logic means bumping the version, and the projector then
 * rebuilds it from the events at boot. `apply` must be idempotent (re-applying an event changes nothing).
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  /** Collections it owns; dropped before a rebuild. */
  readonly collections: readonly string[];
  apply(event: RecordedEvent, store: ReadStore): Promise<void>;
}

export function projection(p: Projection): Projection {
  return p;
}
