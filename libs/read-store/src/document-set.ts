/**
 * Synchronous access to a store's documents, for the projections' hot path (a rebuild applies ~1M
 * events, each touching several documents: through `update` operators every change was parsed, planned,
 * checked and copied, and every call was a promise; here a projection changes the document itself).
 *
 * - The memory store lends its own documents: `edit` answers the stored object, changed in place.
 * - Any other store goes through a write-behind working set (`WriteBehindStore.applyDocuments`): a document
 *   not loaded yet makes `get` / `edit` throw `DocumentsNeeded`; the working set then undoes what that attempt
 *   changed, loads the documents and runs the change again, so a change runs to its end over loaded documents.
 *
 * Rules for a change (what makes both ways give the same documents):
 * - it is synchronous and does nothing but read and change documents of this set (it may run twice);
 * - a document from `get` is only read; only one from `edit` is changed;
 * - a value taken from the event and stored is never changed afterwards in place (the same event object is
 *   handed to every projection): store a copy when it will be changed later;
 * - no `undefined` field values (a database drops them): leave the field out (`setTo` skips undefined, as
 *   `$set` does) or `delete` it (as `$unset` does);
 * - field names are not `__proto__`, start with no `$` and hold no `.` (use `childOf` / `addTo` / `setTo`
 *   for names that come from visitors, after `encodeKey`).
 */
import type { Doc } from './port';

export interface DocumentSet {
  /** The stored document, to read only; undefined when there is none. */
  get<T extends Doc = Doc>(collection: string, id: string): T | undefined;
  /**
   * The document to change for the event at `position`, its `_position` already set to it. Undefined when the
   * document already holds this event or a later one (the projection guard: re-applying changes nothing), or
   * when there is none and `create` is false. With `create`, a missing document starts as `{ _id }`; or as
   * `create` itself when it is a new document (`{ _id: id, _position: position, …every field it starts with }`,
   * built by the projection as one literal: one object of its full size instead of one grown field by field).
   */
  edit<T extends Doc = Doc>(collection: string, id: string, position: number, create?: boolean | T): T | undefined;
  /** Removes the document (no guard: removing twice removes nothing more). */
  remove(collection: string, id: string): void;
}

/** The document a missing one starts as (`edit` with `create`). */
export function startDocument(create: true | Doc, id: string, position: number): Doc {
  if (create === true) return { _id: id, _position: position };
  if (create._id !== id || create._position !== position) {
    throw new Error(`a new document must start with _id ${id} and _position ${position} (got ${String(create._id)}, ${String(create._position)})`);
  }
  return create;
}

/** A document the working set has not loaded yet: the change is undone, the documents loaded, the change run again. */
export class DocumentsNeeded extends Error {
  constructor(readonly needs: readonly { collection: string; id: string }[]) {
    super(`documents not loaded yet: ${needs.map((n) => `${n.collection}/${n.id}`).join(', ')}`);
    this.name = 'DocumentsNeeded';
  }
}

/** The nested object `parent[key]`, created when absent (a `__proto__` key is an own field, never the prototype). */
export function childOf<T extends object = Record<string, unknown>>(parent: object, key: string): T {
  const current = Object.prototype.hasOwnProperty.call(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;
  if (current !== undefined && current !== null && typeof current === 'object') return current as T;
  const created = {};
  setTo(parent, key, created);
  return created as T;
}

/** Adds `n` to the number `parent[key]` (absent counts as 0). */
export function addTo(parent: object, key: string, n: number): void {
  const current = Object.prototype.hasOwnProperty.call(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;
  setTo(parent, key, ((current as number | undefined) ?? 0) + n);
}

/** Sets `parent[key]`; `undefined` leaves the field as it is (as `$set` does: a database drops undefined values). */
export function setTo(parent: object, key: string, value: unknown): void {
  if (value === undefined) return;
  if (key === '__proto__') Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  else (parent as Record<string, unknown>)[key] = value;
}
