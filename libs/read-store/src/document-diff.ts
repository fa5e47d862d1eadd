/**
 * The update operators that turn a stored document into its changed version, so a change made in place
 * (a DocProjection through the working set) reaches a store over the network as a small update — the
 * `$inc`/`$push` the projection used to send — instead of the whole document (a stats day bucket is 100+ KB,
 * a chat record carries its transcript).
 *
 * - Plain objects present on both sides are compared field by field: only changed leaves are written.
 * - An array that only grew at its end is a `$push` of the new items (`$each`); any other change of an
 *   array `$set`s it whole.
 * - A changed leaf is `$set` (a new value, or one of another type), a field gone is `$unset`.
 * - `_id` and `_position` of the document are not compared (`_position` is the guard's, written with it).
 *
 * 'replace' when a changed path cannot be named as a dotted path (a field name holding '.', starting with
 * '$', empty, or `__proto__`) or a written value holds such a field name: the caller writes the document
 * whole, as before. 'equal' when nothing but `_id` / `_position` differs.
 */
import { isPlainObject, type PlainObject, setField, valuesEqual } from './document-values';
import type { Doc, UpdateOps } from './port';
import { POSITION_FIELD } from './rules';

/** The operators found so far; created on the first change only. */
interface Found {
  $set: PlainObject | undefined;
  $unset: Record<string, ''> | undefined;
  $push: PlainObject | undefined;
}

/** Thrown (once per diff at most) to leave a walk that met a path it cannot name. */
const REPLACE = Symbol('replace');

export function updateOpsBetween(before: Doc, after: Doc): UpdateOps | 'equal' | 'replace' {
  const found: Found = { $set: undefined, $unset: undefined, $push: undefined };
  try {
    diffObjects(before, after, '', true, found);
  } catch (err) {
    if (err === REPLACE) return 'replace';
    throw err;
  }
  if (found.$set === undefined && found.$unset === undefined && found.$push === undefined) return 'equal';
  const ops: UpdateOps = {};
  if (found.$set !== undefined) ops.$set = found.$set;
  if (found.$unset !== undefined) ops.$unset = found.$unset;
  if (found.$push !== undefined) ops.$push = found.$push;
  return ops;
}

function diffObjects(before: PlainObject, after: PlainObject, prefix: string, top: boolean, found: Found): void {
  for (const key in after) {
    if (!Object.prototype.hasOwnProperty.call(after, key)) continue;
    if (top && (key === '_id' || key === POSITION_FIELD)) continue;
    const now = after[key];
    // An undefined field is no field (the stores drop them).
    if (now === undefined) continue;
    const was = Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
    if (was === now) continue;
    if (was !== undefined) {
      if (isPlainObject(now) && isPlainObject(was)) {
        if (isPathSegment(key)) diffObjects(was, now, prefix + key + '.', false, found);
        else if (!valuesEqual(was, now)) throw REPLACE;
        continue;
      }
      if (Array.isArray(now) && Array.isArray(was)) {
        if (now.length > was.length && startsWith(now, was)) {
          const tail = now.slice(was.length);
          assertWritable(tail);
          found.$push ??= {};
          setField(found.$push, pathOf(prefix, key), { $each: tail });
          continue;
        }
        if (now.length === was.length && valuesEqual(was, now)) continue;
      } else if (valuesEqual(was, now)) continue;
    }
    assertWritable(now);
    found.$set ??= {};
    setField(found.$set, pathOf(prefix, key), now);
  }
  for (const key in before) {
    if (!Object.prototype.hasOwnProperty.call(before, key)) continue;
    if (top && (key === '_id' || key === POSITION_FIELD)) continue;
    if (before[key] === undefined) continue;
    if (Object.prototype.hasOwnProperty.call(after, key) && after[key] !== undefined) continue;
    found.$unset ??= {};
    setField(found.$unset, pathOf(prefix, key), '');
  }
}

/** The dotted path of `key` under `prefix` (which ends with '.' or is empty), or REPLACE when it has no such name. */
function pathOf(prefix: string, key: string): string {
  if (!isPathSegment(key)) throw REPLACE;
  return prefix + key;
}

/** A field name usable as a segment of a dotted update path. */
function isPathSegment(key: string): boolean {
  return key.length > 0 && key.charCodeAt(0) !== 36 /* $ */ && key.indexOf('.') < 0 && key !== '__proto__';
}

/**
 * A value written by an operator may not hold field names an update refuses ('$…', dotted or empty ones;
 * a whole-document write is then used, as before). `__proto__` is fine inside a value (an own field).
 */
function assertWritable(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertWritable(value[i]);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (key.length === 0 || key.charCodeAt(0) === 36 /* $ */ || key.indexOf('.') >= 0) throw REPLACE;
    assertWritable(value[key]);
  }
}

/** `items` begins with every item of `head`, in order. */
function startsWith(items: readonly unknown[], head: readonly unknown[]): boolean {
  for (let i = 0; i < head.length; i++) if (!valuesEqual(head[i], items[i])) return false;
  return true;
}
