/**
 * Argument checks shared by every adapter, so a mistake fails the same way on the embedded memory store
 * as in production on mongodb instead of passing silently in tests.
 */
import type { Doc, DocWrite, FindOptions, UpdateOps, UpdateOptions } from './port';

export const UPDATE_OPERATORS = ['$set', '$inc', '$push', '$addToSet', '$unset'] as const;
export type UpdateOperator = (typeof UPDATE_OPERATORS)[number];

/** The field the `atPosition` guard keeps on every document it writes. */
export const POSITION_FIELD = '_position';

export function assertCollectionName(name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('read store: a collection name must be a non-empty string');
  // `_` names are the store's own (the mongodb adapter keeps checkpoints in `_checkpoints`); `$`, NUL and
  // `system.` are not allowed in mongodb collection names at all.
  if (name.startsWith('_') || name.startsWith('system.') || name.includes('$') || name.includes('\0')) {
    throw new TypeError(`read store: invalid collection name '${name}' (no leading '_', no 'system.' prefix, no '$')`);
  }
}

export function assertId(collection: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`read store: ${collection}: a document _id must be a non-empty string`);
  }
}

export function assertDoc(collection: string, doc: Doc): void {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TypeError(`read store: ${collection}: a document must be an object`);
  assertId(collection, doc._id);
  for (const key of Object.keys(doc)) {
    if (key.startsWith('$')) throw new TypeError(`read store: ${collection}/${doc._id}: field names cannot start with '$' (${key})`);
  }
}

export function assertFindOptions(collection: string, options: FindOptions): void {
  for (const key of ['skip', 'limit'] as const) {
    const n = options[key];
    if (n !== undefined && (!Number.isSafeInteger(n) || n < 0)) {
      throw new TypeError(`read store: ${collection}: ${key} must be an integer >= 0, got ${String(n)}`);
    }
  }
}

export function assertUpdate(collection: string, id: string, ops: UpdateOps, options: UpdateOptions): void {
  assertId(collection, id);
  if (typeof ops !== 'object' || ops === null) throw new TypeError(`read store: ${collection}/${id}: update operators must be an object`);
  const keys = Object.keys(ops);
  for (const key of keys) {
    if (!(UPDATE_OPERATORS as readonly string[]).includes(key)) {
      throw new TypeError(`read store: ${collection}/${id}: unknown update operator '${key}' (allowed: ${UPDATE_OPERATORS.join(' ')})`);
    }
    const arg = (ops as Record<string, unknown>)[key];
    if (arg !== undefined && (typeof arg !== 'object' || arg === null || Array.isArray(arg))) {
      throw new TypeError(`read store: ${collection}/${id}: ${key} takes an object of field paths`);
    }
  }
  const p = options.atPosition;
  assertPosition(collection, id, p);
  // An update without any operator would replace nothing and hide a bug in the caller; mongodb rejects it too.
  if (p === undefined && !keys.some((k) => (ops as Record<string, unknown>)[k] !== undefined)) {
    throw new TypeError(`read store: ${collection}/${id}: an update needs at least one operator`);
  }
  for (const field of Object.keys(ops.$inc ?? {})) {
    const amount = ops.$inc?.[field];
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      throw new TypeError(`read store: ${collection}/${id}: $inc ${field} needs a finite number, got ${String(amount)}`);
    }
  }
}

export function assertPosition(collection: string, id: string, p: unknown): void {
  if (p !== undefined && (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 1)) {
    throw new TypeError(`read store: ${collection}/${id}: atPosition must be a global position (integer >= 1), got ${String(p)}`);
  }
}

/** Checks a whole batch before any of it is written, so a bad write refuses the batch instead of half of it. */
export function assertWrites(collection: string, writes: readonly DocWrite[]): void {
  if (!Array.isArray(writes)) throw new TypeError(`read store: ${collection}: writeMany takes an array of writes`);
  const seen = new Set<string>();
  for (const write of writes) {
    let id: string;
    if (typeof write === 'object' && write !== null && 'put' in write) {
      assertDoc(collection, write.put);
      id = write.put._id;
      assertPosition(collection, id, write.atPosition);
    } else if (typeof write === 'object' && write !== null && 'delete' in write) {
      assertId(collection, write.delete);
      id = write.delete;
    } else {
      throw new TypeError(`read store: ${collection}: a write is { put: doc, atPosition? } or { delete: id }`);
    }
    // Unordered on mongodb: two writes of one document would land in either order.
    if (seen.has(id)) throw new TypeError(`read store: ${collection}/${id}: written twice in one writeMany`);
    seen.add(id);
  }
}

/**
 * The guard, as the mongodb adapter's filter states it: no `_position` yet, or a number below `position`.
 * Any other stored value (null, a string) fails the guard there too, because `$lt` never matches across types.
 */
export function isBelowGuard(stored: unknown, position: number): boolean {
  return stored === undefined || (typeof stored === 'number' && stored < position);
}

/** The operators with the guard's `_position` added to `$set`. */
export function withPosition(ops: UpdateOps, position: number | undefined): UpdateOps {
  if (position === undefined) return ops;
  return { ...ops, $set: { ...ops.$set, [POSITION_FIELD]: position } };
}
