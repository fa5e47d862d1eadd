/**
 * Copy and compare document values the way a document database sees them. Hand-written rather than
 * structuredClone / mingo's helpers because they run on every read and write of the memory store (the
 * projector's rebuild hot path) and because they must drop `undefined` fields like the mongodb adapter
 * does (it connects with `ignoreUndefined`), so both adapters store the same documents.
 */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deep copy of a JSON-like value; Dates and RegExps are copied, `undefined` object fields are left out. */
export function copyValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // BSON has no undefined array element either; mongodb stores null there.
      out[i] = item === undefined ? null : copyValue(item);
    }
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  const out: PlainObject = {};
  for (const key of Object.keys(value)) {
    const field = (value as PlainObject)[key];
    if (field === undefined) continue;
    setField(out, key, copyValue(field));
  }
  return out as T;
}

/**
 * Assigns an own field. `__proto__` would otherwise replace the object's prototype instead of creating
 * a field, so a document key taken from user input could not pollute or hide data.
 */
export function setField(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Structural equality of document values (field order is ignored; mongodb would compare it). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof RegExp || b instanceof RegExp) {
    return a instanceof RegExp && b instanceof RegExp && a.source === b.source && a.flags === b.flags;
  }
  const aKeys = Object.keys(a).filter((k) => (a as PlainObject)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as PlainObject)[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  for (const key of aKeys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!valuesEqual((a as PlainObject)[key], (b as PlainObject)[key])) return false;
  }
  return true;
}
