/**
 * Update operators for the memory store, with MongoDB's semantics.
 *
 * mingo's `update()` implements them all, but it rebuilds its operator context and query machinery on
 * every call (~70 µs measured), which caps a rebuild at ~14k updates/s. Projections almost always use
 * plain dotted paths on nested objects, so those are applied here directly (sub-microsecond); anything
 * else — positional paths (`a.$`, `a.$[]`, `a.$[x]`), a path that walks into an array, `$push` modifiers
 * other than `$each` — goes to mingo, on a copy, so a failing update never leaves half a change behind.
 */
import { update as mingoUpdate } from 'mingo';
import type { Doc, UpdateOps } from './port';
import { copyValue, isPlainObject, type PlainObject, setField, valuesEqual } from './document-values';
import { POSITION_FIELD, UPDATE_OPERATORS, type UpdateOperator, withPosition } from './rules';

export interface UpdateOutcome {
  /** The document to keep: the same object (changed in place) or a new one (mingo path). */
  doc: Doc;
  changed: boolean;
}

interface PlannedChange {
  op: UpdateOperator;
  path: string;
  segments: readonly string[];
  /** The object holding the leaf, when the whole path to it exists. */
  parent: PlainObject | undefined;
  /** Operand: the $set value, the $inc amount, or the items to $push / $addToSet. */
  arg: unknown;
}

type MingoModifier = Parameters<typeof mingoUpdate>[1];

/**
 * Applies `ops` to `doc` (a stored document, owned by the store). Throws like mongodb on invalid updates.
 * With `position` (the projection guard, already checked by the caller) `_position` is set as a `$set`
 * of it would, without building a second operator object per update.
 */
export function applyUpdate(doc: Doc, ops: UpdateOps, position?: number): UpdateOutcome {
  let changed = false;
  try {
    const planned = planChanges(doc, ops, position);
    if (planned === 'mingo') return applyWithMingo(doc, withPosition(ops, position));
    for (let i = 0; i < planned; i++) changed = commit(doc, plan[i]!) || changed;
  } finally {
    releasePlan();
  }
  if (position !== undefined && doc[POSITION_FIELD] !== position) {
    setField(doc, POSITION_FIELD, position);
    changed = true;
  }
  return { doc, changed };
}

/**
 * The changes of the update being applied, reused from one update to the next (applyUpdate is synchronous
 * and never re-entered): planning allocates nothing per change, which mattered for the garbage collector
 * at ~8 updates per event in a rebuild.
 */
const plan: PlannedChange[] = [];
let planLength = 0;

function nextChange(op: UpdateOperator, path: string, segments: readonly string[], parent: PlainObject | undefined, arg: unknown): void {
  let change = plan[planLength];
  if (change === undefined) {
    change = { op, path, segments, parent, arg };
    plan.push(change);
  } else {
    change.op = op;
    change.path = path;
    change.segments = segments;
    change.parent = parent;
    change.arg = arg;
  }
  planLength++;
}

/** Lets go of the documents and operands the last plan pointed to. */
function releasePlan(): void {
  for (let i = 0; i < planLength; i++) {
    const change = plan[i]!;
    change.parent = undefined;
    change.arg = undefined;
  }
  planLength = 0;
}

/**
 * Checks every change against the current document before anything is written: every error mongodb
 * would raise for these operators is raised here, so `commit` cannot fail halfway.
 */
function planChanges(doc: Doc, ops: UpdateOps, position: number | undefined): number | 'mingo' {
  planLength = 0;
  for (const op of UPDATE_OPERATORS) {
    const fields = ops[op] as PlainObject | undefined;
    if (!fields) continue;
    for (const path of Object.keys(fields)) {
      let arg: unknown = fields[path];
      if (arg === undefined) continue; // dropped like mongodb's ignoreUndefined does
      // The guard's position wins over a `$set` of `_position`, as it did when it was merged into `$set`.
      if (position !== undefined && op === '$set' && path === POSITION_FIELD) continue;
      const parsed = parsePath(path);
      if (parsed === 'mingo') return 'mingo';
      const segments = parsed;
      const parent = resolveParent(doc, segments, op, path);
      if (parent === 'mingo') return 'mingo';
      const current = parent?.[segments[segments.length - 1]!];
      if (op === '$inc' && current !== undefined && typeof current !== 'number') {
        throw new TypeError(`update: cannot apply $inc to the non-numeric field '${path}'`);
      }
      if (op === '$push' || op === '$addToSet') {
        const items = itemsOf(arg, op);
        if (items === 'mingo') return 'mingo';
        arg = items;
        if (current !== undefined && !Array.isArray(current)) {
          throw new TypeError(`update: ${op} needs '${path}' to be an array`);
        }
      }
      nextChange(op, path, segments, parent, arg);
    }
  }
  assertNoConflicts(position !== undefined);
  return planLength;
}

/**
 * Paths split once per process: a rebuild writes the same few thousand paths (`h.13.<page>.views`) over and
 * over, and the cached segments are strings V8 has already internalised as property keys, so the lookups
 * and stores on large documents skip hashing fresh strings (the split itself and its garbage were ~10% of a
 * rebuild). Invalid paths are not cached: they throw every time.
 */
const parsedPaths = new Map<string, readonly string[] | 'mingo'>();
const PARSED_PATHS_MAX = 50_000;

function parsePath(path: string): readonly string[] | 'mingo' {
  const cached = parsedPaths.get(path);
  if (cached !== undefined) return cached;
  const segments = path.indexOf('.') < 0 ? [path] : path.split('.');
  let parsed: readonly string[] | 'mingo' = segments;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.length === 0 || s === '__proto__') throw new TypeError(`update: invalid field path '${path}'`);
    if (s.charCodeAt(0) === 36 /* $ */) {
      parsed = 'mingo';
      break;
    }
  }
  if (parsed !== 'mingo' && segments[0] === '_id') throw new TypeError(`update: the field '_id' is immutable`);
  if (parsedPaths.size >= PARSED_PATHS_MAX) parsedPaths.clear();
  parsedPaths.set(path, parsed);
  return parsed;
}

/**
 * Walks to the object holding the last segment. `undefined`: some object on the way does not exist yet
 * (it will be created). A scalar on the way is an error, except for `$unset` where mongodb does nothing.
 */
function resolveParent(doc: Doc, segments: readonly string[], op: UpdateOperator, path: string): PlainObject | undefined | 'mingo' {
  let node: PlainObject = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const next = node[segments[i]!];
    if (next === undefined) return undefined;
    if (Array.isArray(next)) return 'mingo';
    if (!isPlainObject(next)) {
      if (op === '$unset') return undefined;
      throw new TypeError(`update: cannot create field '${segments[i + 1]!}' in '${segments.slice(0, i + 1).join('.')}' (not an object) for '${path}'`);
    }
    node = next;
  }
  return node;
}

/** The items of a `$push` / `$addToSet` operand: one value, or `{ $each: [...] }`. */
function itemsOf(arg: unknown, op: '$push' | '$addToSet'): unknown[] | 'mingo' {
  if (!isPlainObject(arg) || !Object.keys(arg).some((k) => k.startsWith('$'))) return [arg];
  const keys = Object.keys(arg);
  if (keys.length !== 1 || keys[0] !== '$each') return 'mingo'; // $slice / $sort / $position
  const each = arg['$each'];
  if (!Array.isArray(each)) throw new TypeError(`update: ${op} $each needs an array`);
  return each;
}

/**
 * mongodb refuses two operators touching the same path or a path and its parent; so does this store. The
 * guard's `$set` of `_position` (committed by applyUpdate) counts as one more path.
 */
function assertNoConflicts(withPositionPath: boolean): void {
  const n = planLength;
  if (n + (withPositionPath ? 1 : 0) < 2) return;
  for (let i = 0; i < n; i++) {
    const a = plan[i]!.path;
    if (withPositionPath) conflictCheck(a, POSITION_FIELD);
    for (let j = i + 1; j < n; j++) conflictCheck(a, plan[j]!.path);
  }
}

function conflictCheck(a: string, b: string): void {
  if (a === b || isPrefixPath(b, a) || isPrefixPath(a, b)) {
    throw new TypeError(`update: updating the path '${a}' would create a conflict at '${b}'`);
  }
}

/** `prefix.` starts `path` (without building the string: this runs for every pair of paths of every update). */
function isPrefixPath(prefix: string, path: string): boolean {
  return path.length > prefix.length && path.charCodeAt(prefix.length) === 46 /* . */ && path.startsWith(prefix);
}

function commit(doc: Doc, change: PlannedChange): boolean {
  const { op, segments, arg } = change;
  const leaf = segments[segments.length - 1]!;
  if (op === '$unset') {
    const parent = change.parent;
    if (!parent || !Object.prototype.hasOwnProperty.call(parent, leaf)) return false;
    delete parent[leaf];
    return true;
  }
  // Re-resolved: an earlier change of the same update may have created objects on this path.
  const parent = ensureParent(doc, segments);
  const current = parent[leaf];
  switch (op) {
    case '$set':
      if (current !== undefined && valuesEqual(current, arg)) return false;
      setField(parent, leaf, copyValue(arg));
      return true;
    case '$inc': {
      const amount = arg as number;
      if (current !== undefined && amount === 0) return false;
      setField(parent, leaf, ((current as number | undefined) ?? 0) + amount);
      return true;
    }
    case '$push': {
      const items = arg as unknown[];
      if (current === undefined) {
        setField(parent, leaf, items.map(copyValue));
        return true;
      }
      for (const item of items) (current as unknown[]).push(copyValue(item));
      return items.length > 0;
    }
    case '$addToSet': {
      const items = arg as unknown[];
      const target = (current as unknown[] | undefined) ?? [];
      let added = false;
      for (const item of items) {
        if (target.some((existing) => valuesEqual(existing, item))) continue;
        target.push(copyValue(item));
        added = true;
      }
      if (current === undefined) {
        setField(parent, leaf, target);
        return true;
      }
      return added;
    }
  }
}

function ensureParent(doc: Doc, segments: readonly string[]): PlainObject {
  let node: PlainObject = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i]!;
    let next = node[key];
    if (next === undefined) {
      next = {};
      setField(node, key, next);
    }
    // planChanges already refused anything but plain objects here.
    node = next as PlainObject;
  }
  return node;
}

function applyWithMingo(doc: Doc, ops: UpdateOps): UpdateOutcome {
  const copy = copyValue(doc);
  const modified = mingoUpdate(copy, copyValue(ops) as MingoModifier, undefined, undefined, { cloneMode: 'deep' });
  if (modified.length === 0) return { doc, changed: false };
  if (copy._id !== doc._id) throw new TypeError(`update: the field '_id' is immutable`);
  return { doc: copy, changed: true };
}
