import { addTo } from './document-set';
import { MemoryReadStore } from './memory';
import type { Doc, DocWrite } from './port';
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

  override async update(...args: Parameters<MemoryReadStore['update']>): Promise<boolean> {
    this.perDocumentWrites++;
    return super.update(...args);
  }

  override async writeMany(collection: string, writes: readonly DocWrite[]): Promise<void> {
    this.batches.push({ collection, writes });
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
});
