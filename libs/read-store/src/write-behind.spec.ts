import { changeDocuments } from './change-documents';
import { addTo, childOf, type DocumentSet } from './document-set';
import { copyValue } from './document-values';
import { MemoryReadStore } from './memory';
import type { Doc, DocWrite, ReadStore, UpdateOps, UpdateOptions } from './port';
import { WriteBehindStore } from './write-behind';

/** The memory store, counting what reaches it. */
class CountingStore extends MemoryReadStore {
  perDocumentWrites = 0;
  reads = 0;

  override async get<T extends Doc = Doc>(...args: Parameters<MemoryReadStore['get']>): Promise<T | null> {
    this.reads++;
    return super.get<T>(...args);
  }
  batches: { collection: string; writes: readonly DocWrite[] }[] = [];

  updates: { collection: string; id: string; ops: UpdateOps; options: UpdateOptions | undefined }[] = [];

  override async update(...args: Parameters<MemoryReadStore['update']>): Promise<boolean> {
    this.perDocumentWrites++;
    const [collection, id, ops, options] = args;
    this.updates.push({ collection, id, ops, options });
    return super.update(...args);
  }

  override async writeMany(collection: string, writes: readonly DocWrite[]): Promise<void> {
    // A copy: the working set goes on changing the documents it wrote.
    this.batches.push({ collection, writes: copyValue(writes) });
    return super.writeMany(collection, writes);
  }
}

describe('K3 write-behind working set (the projector catch-up path)', () => {
  let store: CountingStore;
  let working: WriteBehindStore;

  beforeEach(() => {
    store = new CountingStore();
    working = new WriteBehindStore(store);
  });

  it('keeps a batch of changes to itself until flush, then writes each document once', async () => {
    for (let position = 1; position <= 5; position++) {
      await working.update('stats', 's1', { $inc: { visits: 1 } }, { upsert: true, atPosition: position });
    }
    expect(await working.get('stats', 's1')).toEqual({ _id: 's1', visits: 5, _position: 5 });
    expect(await store.get('stats', 's1')).toBeNull();
    expect(working.pending).toBe(1);

    await working.flush();
    expect(await store.get('stats', 's1')).toEqual({ _id: 's1', visits: 5, _position: 5 });
    expect(store.perDocumentWrites).toBe(0);
    expect(store.batches).toEqual([{ collection: 'stats', writes: [{ put: { _id: 's1', visits: 5, _position: 5 }, atPosition: 5 }] }]);
    expect(working.pending).toBe(0);
  });

  it('applies the position guard like the store: an event applied again changes nothing', async () => {
    await store.update('stats', 's1', { $inc: { visits: 2 } }, { upsert: true, atPosition: 7 });
    expect(await working.update('stats', 's1', { $inc: { visits: 1 } }, { atPosition: 7 })).toBe(false);
    expect(await working.update('stats', 's1', { $inc: { visits: 1 } }, { atPosition: 8 })).toBe(true);
    expect(await working.update('stats', 's1', { $inc: { visits: 1 } }, { atPosition: 8 })).toBe(false);
    await working.flush();
    expect(await store.get('stats', 's1')).toEqual({ _id: 's1', visits: 3, _position: 8 });
  });

  it('writes a delete, a re-creation after a delete and a change without a position unguarded', async () => {
    await store.put('visitors', { _id: 'v1', page: '/a', _position: 3 });
    await store.put('visitors', { _id: 'v2', page: '/b', _position: 4 });
    expect(await working.delete('visitors', 'v1')).toBe(true);
    expect(await working.delete('visitors', 'v1')).toBe(false);
    await working.delete('visitors', 'v2');
    await working.update('visitors', 'v2', { $set: { page: '/c' } }, { upsert: true, atPosition: 9 });
    await working.update('visitors', 'v3', { $set: { page: '/d' } }, { upsert: true });
    await working.flush();
    expect(store.batches[0]?.writes).toEqual([{ delete: 'v1' }, { put: { _id: 'v2', page: '/c', _position: 9 } }, { put: { _id: 'v3', page: '/d' } }]);
    expect(await store.find('visitors', {}, { sort: { _id: 1 } })).toEqual([
      { _id: 'v2', page: '/c', _position: 9 },
      { _id: 'v3', page: '/d' },
    ]);
  });

  it('answers copies, and queries over many documents see the pending changes', async () => {
    await working.update('chats', 'c1', { $set: { tags: ['a'] } }, { upsert: true, atPosition: 1 });
    const got = await working.get<Doc & { tags: string[] }>('chats', 'c1');
    got?.tags.push('b');
    expect(await working.get('chats', 'c1')).toEqual({ _id: 'c1', tags: ['a'], _position: 1 });
    expect(await working.find('chats', { tags: 'a' })).toEqual([{ _id: 'c1', tags: ['a'], _position: 1 }]);
    expect(await working.count('chats')).toBe(1);
  });

  it('refuses a bad update as the store does, changing nothing', async () => {
    await working.update('stats', 's1', { $set: { name: 'x' } }, { upsert: true, atPosition: 1 });
    await expect(working.update('stats', 's1', { $inc: { name: 1 } }, { atPosition: 2 })).rejects.toThrow(/non-numeric/);
    await expect(working.update('stats', 's1', { $set: { a: 1 } }, { atPosition: 0 })).rejects.toThrow(/atPosition/);
    await working.flush();
    expect(await store.get('stats', 's1')).toEqual({ _id: 's1', name: 'x', _position: 1 });
  });

  it('leaves a batch pending when the store refuses it, and writes it on the next flush', async () => {
    await working.update('stats', 's1', { $inc: { visits: 1 } }, { upsert: true, atPosition: 1 });
    const writeMany = store.writeMany.bind(store);
    store.writeMany = () => Promise.reject(new Error('connection reset'));
    await expect(working.flush()).rejects.toThrow('connection reset');
    expect(working.pending).toBe(1);
    store.writeMany = writeMany;
    await working.flush();
    expect(await store.get('stats', 's1')).toEqual({ _id: 's1', visits: 1, _position: 1 });
  });

  describe('applyDocuments (a DocProjection on a store reached over the network)', () => {
    it('undoes what an attempt changed when it meets a document not loaded yet, loads it, and runs the change again', async () => {
      await store.put('stats', { _id: 'a', n: 1 });
      await store.put('visits', { _id: 'v1', k: 'home' });
      let attempts = 0;
      await working.applyDocuments((docs) => {
        attempts++;
        const a = docs.edit('stats', 'a', 7);
        if (a) addTo(a, 'n', 1);
        const created = docs.edit('stats', 'new', 7, true);
        if (created) created['k'] = docs.get('visits', 'v1')?.['k'];
        docs.get('visits', 'absent');
      });
      // a, new, v1, then absent were loaded one by one: each time the earlier changes were undone first.
      expect(attempts).toBe(5);
      expect(await store.get('stats', 'a')).toEqual({ _id: 'a', n: 1 });
      await working.flush();
      expect(await store.get('stats', 'a')).toEqual({ _id: 'a', n: 2, _position: 7 });
      expect(await store.get('stats', 'new')).toEqual({ _id: 'new', _position: 7, k: 'home' });
      expect(await store.get('visits', 'absent')).toBeNull();
      expect(store.perDocumentWrites).toBe(0);
    });

    it('applies an event once per document, however often it is re-applied', async () => {
      for (const position of [3, 3, 2, 4]) {
        await working.applyDocuments((docs) => {
          const a = docs.edit('stats', 'a', position, true);
          if (a) addTo(a, 'n', 1);
        });
      }
      await working.flush();
      expect(await store.get('stats', 'a')).toEqual({ _id: 'a', _position: 4, n: 2 });
    });

    it('creates a missing document as the new document the change gives, built again on every attempt', async () => {
      await store.put('visits', { _id: 'v1', k: 'home' });
      let attempts = 0;
      for (const position of [4, 4, 5]) {
        await working.applyDocuments((docs) => {
          attempts++;
          const fresh = { _id: 'n1', _position: position, pages: 0, from: docs.get('visits', 'v1')?.['k'] };
          const doc = docs.edit('stats', 'n1', position, fresh);
          if (doc) doc['pages'] = (doc['pages'] as number) + 1;
        });
      }
      // The first change met two documents not loaded yet (v1, then n1): three attempts; the others, one each.
      expect(attempts).toBe(5);
      await working.flush();
      // Position 4 twice counts once; position 5 changes the stored document, not the new one it offered.
      expect(await store.get('stats', 'n1')).toEqual({ _id: 'n1', _position: 5, pages: 2, from: 'home' });
    });

    it('lets a failing change through without leaving its changes behind', async () => {
      await expect(
        working.applyDocuments((docs) => {
          const a = docs.edit('stats', 'a', 5, true);
          if (a) a['n'] = 1;
          throw new Error('bug');
        }),
      ).rejects.toThrow('bug');
      expect(working.pending).toBe(0);
      await working.flush();
      expect(await store.get('stats', 'a')).toBeNull();
    });
  });

  describe('whole collections (a rebuild into collections it just emptied)', () => {
    it('answers a document it does not hold as absent without reading the store, and needs no undo', async () => {
      working.holdsWhole('stats');
      let attempts = 0;
      await working.applyDocuments((docs) => {
        attempts++;
        expect(docs.get('stats', 'x')).toBeUndefined();
        const a = docs.edit('stats', 'a', 3, true);
        if (a) addTo(a, 'n', 1);
      });
      expect(attempts).toBe(1);
      expect(store.reads).toBe(0);
      await working.flush();
      expect(await store.get('stats', 'a')).toEqual({ _id: 'a', _position: 3, n: 1 });
    });

    it('stops holding a collection whole once it is dropped through it', async () => {
      working.holdsWhole('stats');
      await working.drop('stats');
      await store.put('stats', { _id: 'b', n: 5 });
      await working.applyDocuments((docs) => {
        const b = docs.edit('stats', 'b', 9);
        if (b) addTo(b, 'n', 1);
      });
      await working.flush();
      expect(await store.get('stats', 'b')).toEqual({ _id: 'b', n: 6, _position: 9 });
    });
  });

  describe('changes only (a live event on a store over the network, through changeDocuments)', () => {
    /** The counting store as a store reached over the network: changeDocuments goes through a working set of its own. */
    let remote: ReadStore;
    const bucketId = 'site|2026-11-25';
    /** A day bucket as stored: a large part no event of the day touches, and the counters one does. */
    const storedBucket = (): Doc => ({
      _id: bucketId,
      siteId: 'site',
      pages: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p${i}`, { views: i, title: `page ${i}` }])),
      h: { '13': { home: 2, pricing: 1 } },
      views: 3,
      _position: 5,
    });
    /** One visit at `position` as a DocProjection counts it. */
    const visit =
      (position: number, page: string, hour = '13') =>
      (docs: DocumentSet) => {
        const bucket = docs.edit('stats', bucketId, position, true);
        if (!bucket) return;
        addTo(bucket, 'views', 1);
        addTo(childOf(childOf(bucket, 'h'), hour), page, 1);
      };

    beforeEach(async () => {
      remote = forwardingTo(store);
      await store.put('stats', storedBucket());
    });

    it('sends one update holding only the changed counters, no whole document', async () => {
      await changeDocuments(remote, visit(6, 'home'));
      await changeDocuments(remote, visit(7, 'docs', '14'));
      expect(store.batches).toEqual([]);
      expect(store.updates).toEqual([
        { collection: 'stats', id: bucketId, ops: { $set: { views: 4, 'h.13.home': 3 } }, options: { atPosition: 6 } },
        { collection: 'stats', id: bucketId, ops: { $set: { views: 5, 'h.14': { docs: 1 } } }, options: { atPosition: 7 } },
      ]);
      const expected = storedBucket();
      Object.assign(expected, { views: 5, h: { '13': { home: 3, pricing: 1 }, '14': { docs: 1 } }, _position: 7 });
      expect(await store.get('stats', bucketId)).toEqual(expected);
    });

    it('appends to a transcript with a $push of the new items, and unsets what a change removed', async () => {
      await store.put('chats', { _id: 'c1', messages: [{ id: 'm1', text: 'hi' }], typing: true, _position: 2 });
      await changeDocuments(remote, (docs) => {
        const chat = docs.edit<Doc & { messages: unknown[] }>('chats', 'c1', 3);
        if (!chat) return;
        chat.messages.push({ id: 'm2', text: 'hello' });
        delete chat['typing'];
      });
      expect(store.updates.map((u) => u.ops)).toEqual([{ $push: { messages: { $each: [{ id: 'm2', text: 'hello' }] } }, $unset: { typing: '' } }]);
      expect(await store.get('chats', 'c1')).toEqual({
        _id: 'c1',
        messages: [
          { id: 'm1', text: 'hi' },
          { id: 'm2', text: 'hello' },
        ],
        _position: 3,
      });
    });

    it('puts a created document and deletes a removed one', async () => {
      await store.put('visits', { _id: 'old', page: '/a', _position: 1 });
      await changeDocuments(remote, (docs) => {
        const created = docs.edit('visits', 'new', 8, true);
        if (created) created['page'] = '/b';
        docs.remove('visits', 'old');
      });
      expect(store.updates).toEqual([]);
      expect(store.batches).toEqual([{ collection: 'visits', writes: [{ put: { _id: 'new', _position: 8, page: '/b' }, atPosition: 8 }, { delete: 'old' }] }]);
      expect(await store.find('visits')).toEqual([{ _id: 'new', _position: 8, page: '/b' }]);
    });

    it('writes the document whole when a changed field has no dotted path (a visitor key __proto__)', async () => {
      await changeDocuments(remote, visit(6, '__proto__'));
      expect(store.updates).toEqual([]);
      const expected = storedBucket();
      const h13 = { home: 2, pricing: 1 };
      Object.defineProperty(h13, '__proto__', { value: 1, enumerable: true, writable: true, configurable: true });
      Object.assign(expected, { views: 4, h: { '13': h13 }, _position: 6 });
      expect(store.batches).toEqual([{ collection: 'stats', writes: [{ put: expected, atPosition: 6 }] }]);
      expect(await store.get('stats', bucketId)).toEqual(expected);
    });

    it('writes nothing when an event is applied again, and only the guard when a change left the rest as it was', async () => {
      await changeDocuments(remote, visit(6, 'home'));
      const stored = await store.get('stats', bucketId);
      await changeDocuments(remote, visit(6, 'home'));
      await changeDocuments(remote, visit(4, 'home'));
      expect(store.updates).toHaveLength(1);
      expect(store.batches).toEqual([]);
      expect(await store.get('stats', bucketId)).toEqual(stored);

      await changeDocuments(remote, (docs) => void docs.edit('stats', bucketId, 9));
      expect(store.updates[1]).toEqual({ collection: 'stats', id: bucketId, ops: {}, options: { atPosition: 9 } });
      expect(await store.get('stats', bucketId)).toEqual({ ...stored, _position: 9 });
    });

    it('compares a kept working set with what it last wrote', async () => {
      const kept = new WriteBehindStore(store);
      await kept.applyDocuments(visit(6, 'home'));
      await kept.applyDocuments((docs) => {
        const created = docs.edit('visits', 'v1', 6, true);
        if (created) created['n'] = 1;
      });
      await kept.flush({ changesOnly: true });
      await kept.applyDocuments(visit(7, 'pricing'));
      await kept.applyDocuments((docs) => {
        const v1 = docs.edit('visits', 'v1', 7);
        if (v1) addTo(v1, 'n', 1);
      });
      await kept.flush({ changesOnly: true });
      expect(store.updates.map((u) => [u.collection, u.ops, u.options])).toEqual([
        ['stats', { $set: { views: 4, 'h.13.home': 3 } }, { atPosition: 6 }],
        ['stats', { $set: { views: 5, 'h.13.pricing': 2 } }, { atPosition: 7 }],
        ['visits', { $set: { n: 2 } }, { atPosition: 7 }],
      ]);
      expect(store.batches).toEqual([{ collection: 'visits', writes: [{ put: { _id: 'v1', _position: 6, n: 1 }, atPosition: 6 }] }]);
      expect(await store.get('visits', 'v1')).toEqual({ _id: 'v1', _position: 7, n: 2 });
      expect(kept.pending).toBe(0);
    });

    it('writes whole what a default flush wrote (it keeps no copy), and what a failed write may have left half known', async () => {
      const kept = new WriteBehindStore(store);
      await kept.applyDocuments(visit(6, 'home'));
      await kept.flush();
      await kept.applyDocuments(visit(7, 'home'));
      await kept.flush({ changesOnly: true });
      expect(store.updates).toEqual([]);
      expect(store.batches.map((b) => b.writes.map((w) => ('put' in w ? w.atPosition : w)))).toEqual([[6], [7]]);

      const fresh = new WriteBehindStore(store);
      await fresh.applyDocuments(visit(8, 'home'));
      const update = store.update.bind(store);
      store.update = () => Promise.reject(new Error('connection reset'));
      await expect(fresh.flush({ changesOnly: true })).rejects.toThrow('connection reset');
      expect(fresh.pending).toBe(1);
      store.update = update;
      await fresh.flush({ changesOnly: true });
      expect(store.batches).toHaveLength(3);
      expect((await store.get('stats', bucketId))?.['views']).toBe(6);
      expect((await store.get('stats', bucketId))?.['_position']).toBe(8);
    });

    it('leaves the base alone when an attempt is undone for a document not loaded yet', async () => {
      await store.put('sites', { _id: 'site', zone: 'Europe/Paris' });
      await changeDocuments(remote, (docs) => {
        const bucket = docs.edit('stats', bucketId, 6, true);
        if (bucket) addTo(bucket, 'views', 10);
        const site = docs.get('sites', 'site');
        if (bucket) bucket['zone'] = site?.['zone'];
      });
      expect(store.updates.map((u) => u.ops)).toEqual([{ $set: { views: 13, zone: 'Europe/Paris' } }]);
      expect((await store.get('stats', bucketId))?.['views']).toBe(13);
    });
  });
});

/** A store that forwards every call: what changeDocuments sees of a store over the network (not the memory store). */
function forwardingTo(store: ReadStore): ReadStore {
  return {
    kind: 'mongodb',
    get: <T extends Doc>(c: string, id: string) => store.get<T>(c, id),
    find: <T extends Doc>(...a: Parameters<ReadStore['find']>) => store.find<T>(...a),
    count: (...a) => store.count(...a),
    put: (...a) => store.put(...a),
    update: (...a) => store.update(...a),
    delete: (...a) => store.delete(...a),
    writeMany: (...a) => store.writeMany(...a),
    deleteMany: (...a) => store.deleteMany(...a),
    drop: (...a) => store.drop(...a),
    listCollections: () => store.listCollections(),
    getCheckpoint: (...a) => store.getCheckpoint(...a),
    setCheckpoint: (...a) => store.setCheckpoint(...a),
    deleteCheckpoint: (...a) => store.deleteCheckpoint(...a),
    close: () => store.close(),
  };
}
