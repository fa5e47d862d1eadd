import { rng } from '../../../test/fixtures/generate-traffic';
import { updateOpsBetween } from './document-diff';
import { copyValue, isPlainObject, type PlainObject, setField, valuesEqual } from './document-values';
import { MemoryReadStore } from './memory';
import type { Doc } from './port';

const doc = (fields: PlainObject): Doc => ({ _id: 'd', ...fields });

describe('updateOpsBetween (a changed document as update operators)', () => {
  it('answers equal when nothing but _id and _position differs', () => {
    expect(updateOpsBetween(doc({ a: 1, b: { c: [1, { d: 2 }] } }), doc({ b: { c: [1, { d: 2 }] }, a: 1 }))).toBe('equal');
    expect(updateOpsBetween(doc({ a: 1, _position: 3 }), doc({ a: 1, _position: 9 }))).toBe('equal');
    expect(updateOpsBetween(doc({ _position: 3 }), { _id: 'other', _position: 4 })).toBe('equal');
    expect(updateOpsBetween(doc({ at: new Date(5), n: Number.NaN }), doc({ at: new Date(5), n: Number.NaN }))).toBe('equal');
    // undefined fields are no fields, as in the stores
    expect(updateOpsBetween(doc({ a: 1, gone: undefined }), doc({ a: 1, none: undefined }))).toBe('equal');
  });

  it('writes only the counters that moved, by dotted path', () => {
    const before = doc({ siteId: 's', visits: 4, h: { '13': { home: 2, pricing: 1 }, '14': { home: 1 } }, _position: 7 });
    const after = doc({ siteId: 's', visits: 5, h: { '13': { home: 3, pricing: 1 }, '14': { home: 1 } }, _position: 8 });
    expect(updateOpsBetween(before, after)).toEqual({ $set: { visits: 5, 'h.13.home': 3 } });
  });

  it('creates nested objects with one $set at the first missing level', () => {
    const before = doc({ h: { '13': { home: 1 } } });
    const after = doc({ h: { '13': { home: 1 }, '15': { docs: { views: 1 } } }, first: { at: 'x' } });
    expect(updateOpsBetween(before, after)).toEqual({ $set: { 'h.15': { docs: { views: 1 } }, first: { at: 'x' } } });
  });

  it('pushes what was appended to an array, and sets an array changed any other way', () => {
    const message = (n: number) => ({ id: `m${n}`, text: `hello ${n}`, tags: ['a'] });
    const before = doc({ messages: [message(1), message(2)], tags: ['x', 'y'], empty: [], same: [1] });
    const after = doc({ messages: [message(1), message(2), message(3)], tags: ['y', 'x'], empty: [1, 2], same: [1] });
    expect(updateOpsBetween(before, after)).toEqual({
      $push: { messages: { $each: [message(3)] }, empty: { $each: [1, 2] } },
      $set: { tags: ['y', 'x'] },
    });
    // shorter, or a changed earlier item: the whole array
    expect(updateOpsBetween(doc({ a: [1, 2, 3] }), doc({ a: [1, 2] }))).toEqual({ $set: { a: [1, 2] } });
    expect(updateOpsBetween(doc({ a: [1, { b: 2 }] }), doc({ a: [1, { b: 3 }, 4] }))).toEqual({ $set: { a: [1, { b: 3 }, 4] } });
  });

  it('unsets fields gone, at any depth', () => {
    const before = doc({ a: 1, b: { c: 1, d: { e: 1 } }, keep: true, _position: 2 });
    const after = doc({ b: { d: {} }, keep: true });
    expect(updateOpsBetween(before, after)).toEqual({ $unset: { a: '', 'b.c': '', 'b.d.e': '' } });
  });

  it('sets a field whose type changed, whole', () => {
    expect(updateOpsBetween(doc({ a: { b: 1 }, c: 1, d: [1], e: null }), doc({ a: 5, c: { x: 1 }, d: { 0: 1 }, e: { f: 1 } }))).toEqual({
      $set: { a: 5, c: { x: 1 }, d: { 0: 1 }, e: { f: 1 } },
    });
    expect(updateOpsBetween(doc({ at: new Date(1) }), doc({ at: new Date(2) }))).toEqual({ $set: { at: new Date(2) } });
  });

  it('answers replace when a changed path has no dotted name', () => {
    for (const key of ['a.b', '$x', '', '__proto__']) {
      const after = doc({ h: {} });
      setField(after['h'] as PlainObject, key, 1);
      expect(updateOpsBetween(doc({ h: {} }), after)).toBe('replace');
      // gone, and changed below such a name
      expect(updateOpsBetween(after, doc({ h: {} }))).toBe('replace');
      const nested = (n: number): Doc => {
        const d = doc({ h: {} });
        setField(d['h'] as PlainObject, key, { n });
        return d;
      };
      expect(updateOpsBetween(nested(1), nested(2))).toBe('replace');
      // unchanged below such a name: nothing to name
      expect(updateOpsBetween(nested(1), nested(1))).toBe('equal');
      const withSibling = nested(1);
      (withSibling['h'] as PlainObject)['ok'] = 1;
      expect(updateOpsBetween(nested(1), withSibling)).toEqual({ $set: { 'h.ok': 1 } });
    }
  });

  it('answers replace when a written value holds a field name an update refuses', () => {
    expect(updateOpsBetween(doc({}), doc({ a: { 'x.y': 1 } }))).toBe('replace');
    expect(updateOpsBetween(doc({ a: [] }), doc({ a: [{ $x: 1 }] }))).toBe('replace');
    // __proto__ inside a written value is an own field like any other
    const value: PlainObject = {};
    setField(value, '__proto__', 1);
    expect(updateOpsBetween(doc({}), doc({ a: value }))).toEqual({ $set: { a: value } });
  });

  it('names a __proto__-free path built from visitor keys as an own field of the operators', () => {
    const ops = updateOpsBetween(doc({}), doc({ constructor: 1, toString: { a: 1 } }));
    expect(ops).toEqual({ $set: { constructor: 1, toString: { a: 1 } } });
  });

  describe('the operators turn before into after (random pairs, applied by the memory store)', () => {
    const keysValid = ['a', 'b', 'c', 'h', '13', 'x_y', '_id', '_position', 'constructor'];
    const keysAny = [...keysValid, 'p.q', '$d', '', '__proto__'];

    function check(seed: number, keys: readonly string[]): 'ops' | 'equal' | 'replace' {
      const random = rng(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const scalar = (): unknown =>
        pick([() => Math.floor(random() * 5), () => pick(['s', 't', '']), () => null, () => random() < 0.5, () => new Date(Math.floor(random() * 3))])();
      const value = (depth: number): unknown => {
        const r = random();
        if (depth > 3 || r < 0.45) return scalar();
        if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
        const obj: PlainObject = {};
        for (let i = Math.floor(random() * 4); i > 0; i--) setField(obj, pick(keys), value(depth + 1));
        return obj;
      };
      const mutate = (v: unknown, depth: number): unknown => {
        const r = random();
        if (Array.isArray(v)) {
          if (r < 0.4) return [...v, ...Array.from({ length: 1 + Math.floor(random() * 2) }, () => value(depth + 1))];
          if (r < 0.55) return v.slice(0, Math.floor(random() * v.length));
          if (r < 0.7 && v.length > 0) return v.map((item, i) => (i === 0 ? mutate(item, depth + 1) : item));
          if (r < 0.8) return v;
          return value(depth);
        }
        if (isPlainObject(v)) {
          const out: PlainObject = {};
          for (const key of Object.keys(v)) {
            const s = random();
            if (s < 0.15) continue; // removed
            setField(out, key, s < 0.55 ? mutate(v[key], depth + 1) : v[key]);
          }
          if (random() < 0.3) setField(out, pick(keys), value(depth + 1));
          return random() < 0.05 ? scalar() : out;
        }
        return r < 0.5 ? v : r < 0.9 ? scalar() : value(depth);
      };
      // A document's own field names never start with '$' (the stores refuse them); below, any name goes.
      const asDoc = (body: unknown, position: number): Doc => {
        const fields: PlainObject = {};
        if (isPlainObject(body))
          for (const key of Object.keys(body))
            if (!key.startsWith('$')) setField(fields, key, body[key]);
            else fields['v'] = body;
        return { ...fields, _id: 'd', _position: position };
      };
      const top: PlainObject = {};
      for (let i = 1 + Math.floor(random() * 4); i > 0; i--) setField(top, pick(keys), value(1));
      const before = asDoc(top, 3);
      const after = asDoc(mutate(copyValue(before), 0), 4);

      const ops = updateOpsBetween(before, after);
      const store = new MemoryReadStore();
      const applied = (async () => {
        await store.put('c', before);
        if (ops === 'replace') return undefined;
        if (ops === 'equal') return store.get('c', 'd');
        await store.update('c', 'd', ops, { atPosition: 4 });
        return store.get('c', 'd');
      })();
      pending.push(
        applied.then((got) => {
          if (got === undefined) return;
          const { _position: _a, ...gotFields } = got!;
          const { _position: _b, ...afterFields } = after;
          if (!valuesEqual(gotFields, afterFields)) {
            throw new Error(
              `seed ${seed}: ${JSON.stringify(ops)}\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}\ngot    ${JSON.stringify(got)}`,
            );
          }
        }),
      );
      if (typeof ops === 'string') return ops;
      for (const op of Object.keys(ops)) operators.add(op);
      return 'ops';
    }
    let pending: Promise<void>[] = [];
    const operators = new Set<string>();
    beforeEach(() => {
      pending = [];
      operators.clear();
    });

    it('with field names a path can hold: never replace', async () => {
      const seen = { ops: 0, equal: 0, replace: 0 };
      for (let seed = 1; seed <= 3000; seed++) seen[check(seed, keysValid)]++;
      await Promise.all(pending);
      expect(seen.replace).toBe(0);
      expect(seen.ops).toBeGreaterThan(1500);
      expect(seen.equal).toBeGreaterThan(0);
      expect([...operators].sort()).toEqual(['$push', '$set', '$unset']);
    });

    it('with any field names: replace, or operators that still give after', async () => {
      const seen = { ops: 0, equal: 0, replace: 0 };
      for (let seed = 1; seed <= 3000; seed++) seen[check(seed * 7919, keysAny)]++;
      await Promise.all(pending);
      expect(seen.replace).toBeGreaterThan(100);
      expect(seen.ops).toBeGreaterThan(500);
    });
  });
});
