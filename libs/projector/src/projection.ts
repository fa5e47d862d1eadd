import type { DataOnlyEvent } from '@kefu/event-store';
import { changeDocuments, type DocumentSet, type ReadStore } from '@kefu/read-store';

/**
 * A projection owns one read model (one or more collections). It declares the event types it
 * handles and a version: changing its logic means bumping the version, and the projector then
 * rebuilds it from the events at boot. `apply` must be idempotent (re-applying an event changes nothing).
 * A projection sees what happened, not who caused it: events come without their metadata, which a
 * rebuild then does not read at all.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  /** Collections it owns; dropped before a rebuild. */
  readonly collections: readonly string[];
  apply(event: DataOnlyEvent, store: ReadStore): Promise<void>;
}

export function projection(p: Projection): Projection {
  return p;
}

/**
 * A projection written as a synchronous change of documents (see DocumentSet in @kefu/read-store): the
 * projector runs it in place on the memory store, without a promise per event, which is what lets a rebuild
 * keep up with reading `$all`; on any other store it goes through a write-behind working set. `apply` is
 * derived, so a caller (a spec, the audit tools) can still hand it any store.
 */
export interface DocProjection extends Projection {
  project(event: DataOnlyEvent, docs: DocumentSet): void;
  /**
   * Rare events whose change needs a query (a site rename reaching every visit of the site): applied through
   * the store's own API, like a plain projection, instead of `project`.
   */
  readonly viaStore?: {
    readonly types: readonly string[];
    apply(event: DataOnlyEvent, store: ReadStore): Promise<void>;
  };
}

export function docProjection(p: Omit<DocProjection, 'apply'>): DocProjection {
  const project = p.project;
  const viaStore = p.viaStore;
  const storeTypes = new Set(viaStore?.types ?? []);
  return {
    ...p,
    async apply(event, store) {
      if (viaStore && storeTypes.has(event.type)) return viaStore.apply(event, store);
      await changeDocuments(store, (docs) => project(event, docs));
    },
  };
}
