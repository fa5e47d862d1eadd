import type { DocumentSet } from './document-set';
import { MemoryReadStore } from './memory';
import type { ReadStore } from './port';
import { WriteBehindStore } from './write-behind';

/**
 * Applies one synchronous change (see DocumentSet) to a store: in place on the memory store (no promise
 * when nothing has to be awaited), through the working set of a write-behind store (written at its flush),
 * and through a working set of its own, written at once, on any other store (mongodb while live): there only
 * what changed is sent (a few `$set` / `$push` / `$unset` per document, see updateOpsBetween), not the whole
 * documents it read. A change that throws is answered as a rejected promise, whichever the store.
 */
export function changeDocuments(store: ReadStore, change: (docs: DocumentSet) => void): void | Promise<void> {
  if (store instanceof MemoryReadStore) {
    try {
      return change(store.documents());
    } catch (err) {
      return Promise.reject(err);
    }
  }
  if (store instanceof WriteBehindStore) return store.applyDocuments(change);
  const working = new WriteBehindStore(store);
  return working.applyDocuments(change).then(() => working.flush({ changesOnly: true, last: true }));
}
