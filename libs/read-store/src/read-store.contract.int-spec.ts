/**
 * One behaviour for every read-store adapter. The memory store is what tests and the embedded mode run
 * on, mongodb is production: any difference between them would be a bug found only in production, so
 * every expectation here runs against both (mongodb when MONGODB_URL is set).
 */
import { MongoClient } from 'mongodb';
import { addTo, changeDocuments, childOf, createReadStore, setTo, type Doc, type DocumentSet, type ReadStore } from './index';

interface AdapterCase {
  title: string;
  run: boolean;
  open(): Promise<ReadStore>;
  /** Removes whatever `open` created outside the process. */
  cleanup(): Promise<void>;
}

const mongoUrl = process.env['MONGODB_URL'];
// One database per run, dropped at the end, so parallel runs and earlier crashes never interfere.
const mongoDatabase = `kefu_read_store_contract_${process.pid}_${Date.now()}`;

const adapters: AdapterCase[] = [
  {
    title: 'memory',
    run: true,
    open: () => createReadStore({ kind: 'memory' }),
    cleanup: async () => {},
  },
  {
    title: mongoUrl ? 'mongodb' : 'mongodb (skipped: set MONGODB_URL to run it)',
    run: mongoUrl !== undefined,
    // A fresh prefix per test: each test starts from an empty store without a round of drops.
    open: () => createReadStore({ kind: 'mongodb', url: mongoUrl ?? '', database: mongoDatabase, prefix: `t${nextPrefix()}_` }),
    cleanup: async () => {
      const client = await MongoClient.connect(mongoUrl ?? '');
      try {
        await client.db(mongoDatabase).dropDatabase();
      } finally {
        await client.close();
      }
    },
  },
];

let prefixCounter = 0;
function nextPrefix(): number {
  return ++prefixCounter;
}

type Agent = Doc & { name: string; status: string; load: number; site: { id: string; tz: string }; skills?: string[] };

const agents: Agent[] = [
  { _id: 'a1', name: 'Alice', status: 'online', load: 2, site: { id: 's1', tz: 'Europe/Paris' }, skills: ['en', 'fr'] },
  { _id: 'a2', name: 'Bob', status: 'away', load: 0, site: { id: 's1', tz: 'Europe/Paris' }, skills: ['en'] },
  { _id: 'a3', name: 'Chen', status: 'online', load: 5, site: { id: 's2', tz: 'Asia/Shanghai' }, skills: ['zh', 'en'] },
  { _id: 'a4', name: 'alina', status: 'offline', load: 1, site: { id: 's2', tz: 'Asia/Shanghai' } },
];

describe.each(adapters)('read store contract: $title', (adapter) => {
  const maybe = adapter.run ? it : it.skip;
  let store: ReadStore;

  beforeEach(async () => {
    if (!adapter.run) return;
    store = await adapter.open();
  });
  afterEach(async () => {
    if (adapter.run) await store.close();
  });
  afterAll(async () => {
    if (adapter.run) await adapter.cleanup();
  });

  async function seed(): Promise<void> {
    for (const agent of agents) await store.put('agents', agent);
  }
  const ids = (docs: Doc[]): string[] => docs.map((d) => d._id);

  describe('get / put', () => {
    maybe('returns null for a missing document or collection', async () => {
      expect(await store.get('agents', 'nobody')).toBeNull();
      await seed();
      expect(await store.get('agents', 'nobody')).toBeNull();
    });

    maybe('returns what was put, nested fields included', async () => {
      await seed();
      expect(await store.get('agents', 'a1')).toEqual(agents[0]);
    });

    maybe('put replaces the whole document', async () => {
      await seed();
      await store.put('agents', { _id: 'a1', name: 'Alice B.' });
      expect(await store.get('agents', 'a1')).toEqual({ _id: 'a1', name: 'Alice B.' });
      expect(await store.count('agents')).toBe(4);
    });

    maybe('leaves undefined fields out', async () => {
      await store.put('agents', { _id: 'u', name: 'U', nickname: undefined });
      const doc = await store.get('agents', 'u');
      expect(doc).toEqual({ _id: 'u', name: 'U' });
      expect(Object.keys(doc ?? {})).not.toContain('nickname');
    });

    maybe('refuses a document without a string _id and reserved collection names', async () => {
      await expect(store.put('agents', { _id: '' })).rejects.toThrow(/_id/);
      await expect(store.put('_checkpoints', { _id: 'x' })).rejects.toThrow(/collection name/);
      await expect(store.put('a$b', { _id: 'x' })).rejects.toThrow(/collection name/);
    });
  });

  describe('find', () => {
    beforeEach(async () => {
      if (adapter.run) await seed();
    });

    maybe('without a filter returns every document', async () => {
      expect(ids(await store.find('agents', {}, { sort: { _id: 1 } }))).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(await store.find('nothing-here')).toEqual([]);
    });

    maybe('filters by equality, $in, $nin, $ne, $gt, $gte, $lt, $lte', async () => {
      const sorted = { sort: { _id: 1 as const } };
      expect(ids(await store.find('agents', { status: 'online' }, sorted))).toEqual(['a1', 'a3']);
      expect(ids(await store.find('agents', { status: { $in: ['away', 'offline'] } }, sorted))).toEqual(['a2', 'a4']);
      expect(ids(await store.find('agents', { status: { $nin: ['away', 'offline'] } }, sorted))).toEqual(['a1', 'a3']);
      expect(ids(await store.find('agents', { status: { $ne: 'online' } }, sorted))).toEqual(['a2', 'a4']);
      expect(ids(await store.find('agents', { load: { $gt: 1 } }, sorted))).toEqual(['a1', 'a3']);
      expect(ids(await store.find('agents', { load: { $gte: 1, $lt: 5 } }, sorted))).toEqual(['a1', 'a4']);
      expect(ids(await store.find('agents', { load: { $lte: 0 } }, sorted))).toEqual(['a2']);
    });

    maybe('filters with $regex (string with $options, or a RegExp)', async () => {
      const sorted = { sort: { _id: 1 as const } };
      expect(ids(await store.find('agents', { name: { $regex: '^al', $options: 'i' } }, sorted))).toEqual(['a1', 'a4']);
      expect(ids(await store.find('agents', { name: /^Al/ }, sorted))).toEqual(['a1']);
    });

    maybe('filters on nested fields and array members', async () => {
      const sorted = { sort: { _id: 1 as const } };
      expect(ids(await store.find('agents', { 'site.id': 's2' }, sorted))).toEqual(['a3', 'a4']);
      expect(ids(await store.find('agents', { skills: 'fr' }, sorted))).toEqual(['a1']);
      expect(ids(await store.find('agents', { skills: { $exists: false } }, sorted))).toEqual(['a4']);
      expect(ids(await store.find('agents', { $or: [{ 'site.id': 's1', load: 0 }, { name: 'Chen' }] }, sorted))).toEqual(['a2', 'a3']);
      expect(ids(await store.find('agents', { $and: [{ status: 'online' }, { load: { $not: { $gt: 3 } } }] }, sorted))).toEqual(['a1']);
    });

    maybe('sorts by one or several fields, nested ones included', async () => {
      expect(ids(await store.find('agents', {}, { sort: { load: -1 } }))).toEqual(['a3', 'a1', 'a4', 'a2']);
      expect(ids(await store.find('agents', {}, { sort: { 'site.id': -1, name: 1 } }))).toEqual(['a3', 'a4', 'a1', 'a2']);
    });

    maybe('skips and limits after sorting; limit 0 means no limit', async () => {
      expect(ids(await store.find('agents', {}, { sort: { load: 1 }, skip: 1, limit: 2 }))).toEqual(['a4', 'a1']);
      expect(ids(await store.find('agents', {}, { sort: { load: 1 }, limit: 0 }))).toHaveLength(4);
      expect(ids(await store.find('agents', {}, { sort: { load: 1 }, skip: 10 }))).toEqual([]);
    });

    maybe('projects included or excluded fields (nested too)', async () => {
      expect(await store.find('agents', { _id: 'a1' }, { projection: { name: 1 } })).toEqual([{ _id: 'a1', name: 'Alice' }]);
      expect(await store.find('agents', { _id: 'a1' }, { projection: { 'site.tz': 1, _id: 0 } })).toEqual([{ site: { tz: 'Europe/Paris' } }]);
      expect(await store.find('agents', { _id: 'a2' }, { projection: { site: 0, skills: 0 } })).toEqual([{ _id: 'a2', name: 'Bob', status: 'away', load: 0 }]);
    });

    maybe('refuses a negative skip or limit', async () => {
      await expect(store.find('agents', {}, { limit: -1 })).rejects.toThrow(/limit/);
    });
  });

  maybe('count counts all or the matching documents', async () => {
    expect(await store.count('agents')).toBe(0);
    await seed();
    expect(await store.count('agents')).toBe(4);
    expect(await store.count('agents', { 'site.id': 's1' })).toBe(2);
    expect(await store.count('agents', { load: { $gt: 100 } })).toBe(0);
  });

  describe('update', () => {
    beforeEach(async () => {
      if (adapter.run) await seed();
    });

    maybe('$set sets top-level and nested fields, creating the missing objects', async () => {
      expect(await store.update('agents', 'a2', { $set: { status: 'online', 'site.tz': 'UTC', 'stats.today.chats': 3 } })).toBe(true);
      expect(await store.get('agents', 'a2')).toEqual({
        ...agents[1],
        status: 'online',
        site: { id: 's1', tz: 'UTC' },
        stats: { today: { chats: 3 } },
      });
    });

    maybe('$set of the values already stored changes nothing', async () => {
      expect(await store.update('agents', 'a1', { $set: { status: 'online', site: { id: 's1', tz: 'Europe/Paris' } } })).toBe(false);
      expect(await store.get('agents', 'a1')).toEqual(agents[0]);
    });

    maybe('$inc adds to a number and starts a missing one at the amount', async () => {
      expect(await store.update('agents', 'a1', { $inc: { load: 3, 'stats.chats': 1 } })).toBe(true);
      expect(await store.update('agents', 'a1', { $inc: { load: -1 } })).toBe(true);
      const doc = await store.get<Agent & { stats: { chats: number } }>('agents', 'a1');
      expect(doc?.load).toBe(4);
      expect(doc?.stats).toEqual({ chats: 1 });
    });

    maybe('$inc on a non-number is refused and changes nothing', async () => {
      await expect(store.update('agents', 'a1', { $inc: { name: 1 } })).rejects.toThrow();
      expect(await store.get('agents', 'a1')).toEqual(agents[0]);
    });

    maybe('$push appends one value or $each of several, creating the array', async () => {
      expect(await store.update('agents', 'a1', { $push: { skills: 'de' } })).toBe(true);
      expect(await store.update('agents', 'a1', { $push: { skills: { $each: ['es', 'en'] } } })).toBe(true);
      expect(await store.update('agents', 'a4', { $push: { skills: { lang: 'ja', level: 2 } } })).toBe(true);
      expect((await store.get<Agent>('agents', 'a1'))?.skills).toEqual(['en', 'fr', 'de', 'es', 'en']);
      expect((await store.get('agents', 'a4'))?.['skills']).toEqual([{ lang: 'ja', level: 2 }]);
    });

    maybe('$addToSet adds only values not already there', async () => {
      expect(await store.update('agents', 'a1', { $addToSet: { skills: 'en' } })).toBe(false);
      expect(await store.update('agents', 'a1', { $addToSet: { skills: { $each: ['fr', 'it', 'it'] } } })).toBe(true);
      expect(await store.update('agents', 'a4', { $addToSet: { skills: 'ja' } })).toBe(true);
      expect((await store.get<Agent>('agents', 'a1'))?.skills).toEqual(['en', 'fr', 'it']);
      expect((await store.get<Agent>('agents', 'a4'))?.skills).toEqual(['ja']);
    });

    maybe('$unset removes fields; unsetting a missing one changes nothing', async () => {
      expect(await store.update('agents', 'a1', { $unset: { skills: '', 'site.tz': 1 } })).toBe(true);
      expect(await store.update('agents', 'a1', { $unset: { skills: '' } })).toBe(false);
      expect(await store.get('agents', 'a1')).toEqual({ _id: 'a1', name: 'Alice', status: 'online', load: 2, site: { id: 's1' } });
    });

    maybe('applies several operators in one update', async () => {
      await store.update('agents', 'a2', { $set: { status: 'online' }, $inc: { load: 1 }, $push: { skills: 'fr' }, $unset: { site: '' } });
      expect(await store.get('agents', 'a2')).toEqual({ _id: 'a2', name: 'Bob', status: 'online', load: 1, skills: ['en', 'fr'] });
    });

    maybe('positional paths work as in mongodb', async () => {
      await store.put('chats', {
        _id: 'c1',
        messages: [
          { id: 'm1', read: false },
          { id: 'm2', read: false },
        ],
      });
      expect(await store.update('chats', 'c1', { $set: { 'messages.1.read': true } })).toBe(true);
      expect(await store.update('chats', 'c1', { $set: { 'messages.$[].seen': true } })).toBe(true);
      expect(await store.get('chats', 'c1')).toEqual({
        _id: 'c1',
        messages: [
          { id: 'm1', read: false, seen: true },
          { id: 'm2', read: true, seen: true },
        ],
      });
    });

    maybe('refuses unknown operators, empty updates and conflicting paths', async () => {
      await expect(store.update('agents', 'a1', { $rename: { name: 'n' } } as never)).rejects.toThrow(/operator/);
      await expect(store.update('agents', 'a1', {})).rejects.toThrow(/operator/);
      await expect(store.update('agents', 'a1', { $set: { site: {} }, $inc: { 'site.n': 1 } })).rejects.toThrow(/conflict/);
      // The same paths again: refused every time, whatever the memory store remembers of paths it has seen.
      await expect(store.update('agents', 'a1', { $set: { site: {} }, $inc: { 'site.n': 1 } })).rejects.toThrow(/conflict/);
      await expect(store.update('agents', 'a1', { $set: { _position: 1 }, $inc: { '_position.n': 1 } })).rejects.toThrow(/conflict/);
      await expect(store.update('agents', 'a1', { $inc: { '_position.n': 1 } }, { atPosition: 5 })).rejects.toThrow(/conflict/);
      expect(await store.get('agents', 'a1')).toEqual(agents[0]);
    });

    maybe('without upsert, a missing document stays missing', async () => {
      expect(await store.update('agents', 'zz', { $set: { name: 'Z' } })).toBe(false);
      expect(await store.get('agents', 'zz')).toBeNull();
      expect(await store.update('empty-collection', 'zz', { $set: { name: 'Z' } })).toBe(false);
      expect(await store.get('empty-collection', 'zz')).toBeNull();
    });

    maybe('with upsert, a missing document is created from the operators', async () => {
      expect(
        await store.update(
          'agents',
          'a9',
          { $set: { name: 'Ines' }, $inc: { load: 2 }, $push: { skills: 'pt' }, $addToSet: { tags: 'new' } },
          { upsert: true },
        ),
      ).toBe(true);
      expect(await store.get('agents', 'a9')).toEqual({ _id: 'a9', name: 'Ines', load: 2, skills: ['pt'], tags: ['new'] });
      expect(await store.update('agents', 'a9', { $inc: { load: 1 } }, { upsert: true })).toBe(true);
      expect((await store.get<Agent>('agents', 'a9'))?.load).toBe(3);
    });
  });

  describe('atPosition (projection idempotency)', () => {
    maybe('stores _position and applies an event once: the same position again changes nothing', async () => {
      const apply = (): Promise<boolean> => store.update('stats', 's1', { $inc: { chats: 1 } }, { upsert: true, atPosition: 7 });
      expect(await apply()).toBe(true);
      expect(await apply()).toBe(false);
      expect(await store.get('stats', 's1')).toEqual({ _id: 's1', chats: 1, _position: 7 });
    });

    maybe('ignores a lower position and applies a higher one', async () => {
      await store.update('stats', 's1', { $inc: { chats: 1 } }, { upsert: true, atPosition: 10 });
      expect(await store.update('stats', 's1', { $inc: { chats: 1 } }, { upsert: true, atPosition: 4 })).toBe(false);
      expect(await store.update('stats', 's1', { $inc: { chats: 1 } }, { atPosition: 4 })).toBe(false);
      expect(await store.get('stats', 's1')).toEqual({ _id: 's1', chats: 1, _position: 10 });
      expect(await store.update('stats', 's1', { $inc: { chats: 1 } }, { atPosition: 11 })).toBe(true);
      expect(await store.get('stats', 's1')).toEqual({ _id: 's1', chats: 2, _position: 11 });
    });

    maybe('guards a document that was put without a _position', async () => {
      await store.put('stats', { _id: 's2', chats: 5 });
      expect(await store.update('stats', 's2', { $inc: { chats: 1 } }, { atPosition: 3 })).toBe(true);
      expect(await store.update('stats', 's2', { $inc: { chats: 1 } }, { atPosition: 3 })).toBe(false);
      expect(await store.get('stats', 's2')).toEqual({ _id: 's2', chats: 6, _position: 3 });
    });

    maybe('without upsert, does not create the document', async () => {
      expect(await store.update('stats', 's3', { $inc: { chats: 1 } }, { atPosition: 3 })).toBe(false);
      expect(await store.get('stats', 's3')).toBeNull();
    });

    maybe('refuses a position that is not a global position', async () => {
      await expect(store.update('stats', 's1', { $inc: { chats: 1 } }, { atPosition: 0 })).rejects.toThrow(/atPosition/);
    });
  });

  describe('changeDocuments (a projection changing documents in place)', () => {
    /** One event's change as a DocProjection writes it: a day bucket counted by a visitor-chosen key, and a per-visit doc. */
    const count = (position: number, key: string) => (docs: DocumentSet) => {
      const bucket = docs.edit('stats', 'site|2026-11-25', position, true);
      if (bucket) {
        bucket['siteId'] = 'site';
        addTo(childOf(childOf(bucket, 'h'), '13'), key, 1);
      }
      const visit = docs.edit('visits', `v${position}`, position, true);
      if (visit) setTo(visit, 'key', key);
    };

    maybe('creates, changes and guards documents: the same event twice counts once, an older one not at all', async () => {
      await changeDocuments(store, count(5, 'home'));
      await changeDocuments(store, count(5, 'home'));
      await changeDocuments(store, count(6, '__proto__'));
      await changeDocuments(store, count(4, 'home'));
      const bucket = await store.get('stats', 'site|2026-11-25');
      expect(bucket).toEqual({ _id: 'site|2026-11-25', _position: 6, siteId: 'site', h: { '13': { home: 1, ['__proto__']: 1 } } });
      // A key named __proto__ is a field like any other, never the object's prototype.
      expect(Object.getPrototypeOf((bucket!['h'] as Record<string, object>)['13'])).toBe(Object.prototype);
      expect(await store.get('visits', 'v5')).toEqual({ _id: 'v5', _position: 5, key: 'home' });
      expect(await store.get('visits', 'v4')).toEqual({ _id: 'v4', _position: 4, key: 'home' });
    });

    maybe('reads what is stored, edits without create only an existing document, removes', async () => {
      await store.put('visits', { _id: 'v1', key: 'a' });
      const seen: unknown[] = [];
      await changeDocuments(store, (docs) => {
        seen.push(docs.get('visits', 'v1')?.['key'], docs.get('visits', 'missing'), docs.edit('visits', 'missing', 3));
        const v1 = docs.edit('visits', 'v1', 3);
        if (v1) v1['key'] = 'b';
      });
      expect(seen).toEqual(['a', undefined, undefined]);
      expect(await store.get('visits', 'v1')).toEqual({ _id: 'v1', key: 'b', _position: 3 });
      expect(await store.get('visits', 'missing')).toBeNull();
      await changeDocuments(store, (docs) => docs.remove('visits', 'v1'));
      expect(await store.get('visits', 'v1')).toBeNull();
    });

    maybe('creates a missing document as the new document it is given; an existing one is only guarded and answered', async () => {
      const fresh = (position: number) => ({ _id: 'v2', _position: position, key: 'new', pages: 0 });
      let first: Doc | undefined;
      await changeDocuments(store, (docs) => {
        first = docs.edit('visits', 'v2', 7, fresh(7));
      });
      expect(first).toEqual(fresh(7));
      expect(await store.get('visits', 'v2')).toEqual(fresh(7));
      const again: unknown[] = [];
      await changeDocuments(store, (docs) => {
        again.push(docs.edit('visits', 'v2', 7, fresh(7)));
        const later = docs.edit('visits', 'v2', 8, fresh(8));
        again.push(later === undefined ? 'none' : later['key']);
        if (later) later['key'] = 'changed';
      });
      // The same event again changes nothing; a later one gets the stored document, not the new one it offered.
      expect(again).toEqual([undefined, 'new']);
      expect(await store.get('visits', 'v2')).toEqual({ _id: 'v2', _position: 8, key: 'changed', pages: 0 });
      // A new document must name the id and position it is created for.
      await expect(changeDocuments(store, (docs) => void docs.edit('visits', 'v3', 9, fresh(9)))).rejects.toThrow('_id v3');
      expect(await store.get('visits', 'v3')).toBeNull();
    });

    maybe('a change that throws is answered as a rejection (the projector retries it, then marks the projection failed)', async () => {
      await expect(
        changeDocuments(store, (docs) => {
          docs.get('visits', 'v9');
          throw new Error('bug in a projection');
        }),
      ).rejects.toThrow('bug in a projection');
    });
  });

  describe('writeMany (the projector flushing a batch)', () => {
    maybe('puts and deletes many documents of one collection at once', async () => {
      await seed();
      await store.writeMany('agents', [
        { put: { _id: 'a1', name: 'Alice', status: 'away', load: 0, site: { id: 's1', tz: 'Europe/Paris' } } },
        { put: { _id: 'a9', name: 'Nina', status: 'online', load: 1, site: { id: 's2', tz: 'Asia/Shanghai' } } },
        { delete: 'a2' },
        { delete: 'nobody' },
      ]);
      expect(ids(await store.find('agents', {}, { sort: { _id: 1 } }))).toEqual(['a1', 'a3', 'a4', 'a9']);
      expect(await store.get('agents', 'a1')).toEqual({ _id: 'a1', name: 'Alice', status: 'away', load: 0, site: { id: 's1', tz: 'Europe/Paris' } });
      await store.writeMany('agents', []);
      expect(await store.count('agents')).toBe(4);
    });

    maybe('keeps the position guard: a document already at or past the position stays as it is', async () => {
      await store.update('stats', 's1', { $inc: { chats: 3 } }, { upsert: true, atPosition: 10 });
      await store.update('stats', 's2', { $inc: { chats: 3 } }, { upsert: true, atPosition: 10 });
      await store.put('stats', { _id: 's3', chats: 1 });
      await store.writeMany('stats', [
        { put: { _id: 's1', chats: 99, _position: 10 }, atPosition: 10 },
        { put: { _id: 's2', chats: 4, _position: 12 }, atPosition: 12 },
        { put: { _id: 's3', chats: 2, _position: 5 }, atPosition: 5 },
        { put: { _id: 's4', chats: 1, _position: 7 }, atPosition: 7 },
      ]);
      const docs = await store.find('stats', {}, { sort: { _id: 1 } });
      expect(docs).toEqual([
        { _id: 's1', chats: 3, _position: 10 },
        { _id: 's2', chats: 4, _position: 12 },
        { _id: 's3', chats: 2, _position: 5 },
        { _id: 's4', chats: 1, _position: 7 },
      ]);
      // Applying the same batch again changes nothing.
      await store.writeMany('stats', [{ put: { _id: 's2', chats: 40, _position: 12 }, atPosition: 12 }]);
      expect(await store.get('stats', 's2')).toEqual({ _id: 's2', chats: 4, _position: 12 });
    });

    maybe('refuses a bad batch before writing any of it', async () => {
      await expect(store.writeMany('stats', [{ put: { _id: 'ok', n: 1 } }, { put: { _id: '', n: 1 } }])).rejects.toThrow(/_id/);
      await expect(store.writeMany('stats', [{ put: { _id: 'x', n: 1 } }, { delete: 'x' }])).rejects.toThrow(/twice/);
      await expect(store.writeMany('stats', [{ put: { _id: 'y', n: 1 }, atPosition: 0 }])).rejects.toThrow(/atPosition/);
      expect(await store.count('stats')).toBe(0);
    });

    maybe('stores copies: changing a written document afterwards does not change the store', async () => {
      const doc = { _id: 'x', tags: ['a'] };
      await store.writeMany('things', [{ put: doc }]);
      doc.tags.push('b');
      expect(await store.get('things', 'x')).toEqual({ _id: 'x', tags: ['a'] });
    });
  });

  describe('delete / deleteMany / drop / listCollections', () => {
    beforeEach(async () => {
      if (adapter.run) await seed();
    });

    maybe('delete removes one document and says whether it existed', async () => {
      expect(await store.delete('agents', 'a1')).toBe(true);
      expect(await store.delete('agents', 'a1')).toBe(false);
      expect(await store.delete('nothing-here', 'a1')).toBe(false);
      expect(await store.get('agents', 'a1')).toBeNull();
      expect(await store.count('agents')).toBe(3);
    });

    maybe('deleteMany removes the matching documents, or all of them', async () => {
      expect(await store.deleteMany('agents', { 'site.id': 's2' })).toBe(2);
      expect(ids(await store.find('agents', {}, { sort: { _id: 1 } }))).toEqual(['a1', 'a2']);
      expect(await store.deleteMany('agents')).toBe(2);
      expect(await store.count('agents')).toBe(0);
      // An emptied collection still exists until dropped, as in mongodb.
      expect(await store.listCollections()).toContain('agents');
    });

    maybe('listCollections lists what was written to, sorted; drop removes a collection and its documents', async () => {
      await store.put('chats', { _id: 'c1' });
      await store.update('stats', 's1', { $inc: { n: 1 } }, { upsert: true });
      await store.setCheckpoint({ projection: 'agents', position: 3, version: 1 });
      expect(await store.listCollections()).toEqual(['agents', 'chats', 'stats']);
      await store.drop('agents');
      await store.drop('never-existed');
      expect(await store.listCollections()).toEqual(['chats', 'stats']);
      expect(await store.get('agents', 'a1')).toBeNull();
      expect(await store.count('agents')).toBe(0);
      // Checkpoints are not a collection of documents and survive a drop.
      expect(await store.getCheckpoint('agents')).toEqual({ projection: 'agents', position: 3, version: 1 });
    });
  });

  maybe('checkpoints are stored per projection, replaced and deleted', async () => {
    expect(await store.getCheckpoint('conversations')).toBeNull();
    await store.setCheckpoint({ projection: 'conversations', position: 10, version: 1 });
    await store.setCheckpoint({ projection: 'stats', position: 4, version: 3 });
    await store.setCheckpoint({ projection: 'conversations', position: 25, version: 2 });
    expect(await store.getCheckpoint('conversations')).toEqual({ projection: 'conversations', position: 25, version: 2 });
    expect(await store.getCheckpoint('stats')).toEqual({ projection: 'stats', position: 4, version: 3 });
    await store.deleteCheckpoint('conversations');
    await store.deleteCheckpoint('conversations');
    expect(await store.getCheckpoint('conversations')).toBeNull();
    expect(await store.getCheckpoint('stats')).not.toBeNull();
  });

  maybe('a read-only find answers the same documents as a plain one', async () => {
    await seed();
    const filter = { 'site.id': 's1' };
    expect(await store.find('agents', filter, { sort: { _id: 1 }, readOnly: true })).toEqual(await store.find('agents', filter, { sort: { _id: 1 } }));
    expect(await store.find('agents', {}, { projection: { name: 1 }, sort: { name: 1 }, limit: 2, readOnly: true })).toEqual([
      { _id: 'a1', name: 'Alice' },
      { _id: 'a2', name: 'Bob' },
    ]);
  });

  maybe('a read-only get answers the same document as a plain one, and null for a missing one', async () => {
    await seed();
    expect(await store.get('agents', 'a1', { readOnly: true })).toEqual(await store.get('agents', 'a1'));
    expect(await store.get('agents', 'nobody', { readOnly: true })).toBeNull();
  });

  describe('isolation: documents are copies', () => {
    maybe('changing a document after put does not change the store', async () => {
      const doc = { _id: 'x', tags: ['a'], nested: { n: 1 } };
      await store.put('things', doc);
      doc.tags.push('b');
      doc.nested.n = 2;
      expect(await store.get('things', 'x')).toEqual({ _id: 'x', tags: ['a'], nested: { n: 1 } });
    });

    maybe('changing a document returned by get or find does not change the store', async () => {
      await store.put('things', { _id: 'x', tags: ['a'], nested: { n: 1 } });
      const got = await store.get<Doc & { tags: string[]; nested: { n: number } }>('things', 'x');
      got?.tags.push('b');
      if (got) got.nested.n = 2;
      const [found] = await store.find<Doc & { tags: string[] }>('things', { _id: 'x' });
      found?.tags.push('c');
      const [projected] = await store.find<Doc & { nested: { n: number } }>('things', {}, { projection: { nested: 1 } });
      if (projected) projected.nested.n = 3;
      expect(await store.get('things', 'x')).toEqual({ _id: 'x', tags: ['a'], nested: { n: 1 } });
    });

    maybe('changing an operand after update does not change the store', async () => {
      const value = { lang: 'en' };
      const items = [{ k: 1 }];
      await store.update('things', 'y', { $set: { profile: value }, $push: { items: { $each: items } } }, { upsert: true });
      value.lang = 'fr';
      items[0]!.k = 2;
      expect(await store.get('things', 'y')).toEqual({ _id: 'y', profile: { lang: 'en' }, items: [{ k: 1 }] });
    });
  });
});
