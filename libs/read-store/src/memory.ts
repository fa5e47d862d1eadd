/**
 * The embedded read store: every collection is a Map by `_id` held in this process, rebuilt from the
 * events at boot. `get`, `put`, `update` and `delete` by id are Map operations (the projector's rebuild
 * does ~100k of them per second); only a `find` / `count` / `deleteMany` with a filter scans, through
 * mingo so filters, sort and projection mean exactly what they mean in mongodb.
 *
 * Documents go in and come out as deep copies: a caller editing an object it read or wrote cannot
 * change the store behind the projector's back, as with a real database.
 */
import { Query } from 'mingo';
import { applyUpdate } from './apply-update';
import { copyValue } from './document-values';
import { startDocument, type DocumentSet } from './document-set';
import type { Checkpoint, Doc, DocWrite, Filter, FindOptions, GetOptions, ReadStore, UpdateOps, UpdateOptions } from './port';
import { assertCollectionName, assertDoc, assertFindOptions, assertId, assertUpdate, assertWrites, isBelowGuard, POSITION_FIELD } from './rules';

type Criteria = ConstructorParameters<typeof Query>[0];
type MingoProjection = NonNullable<Parameters<Query['find']>[1]>;

export class MemoryReadStore implements ReadStore {
  readonly kind = 'memory' as const;
  private readonly collections = new Map<string, Map<string, Doc>>();
  private readonly checkpoints = new Map<string, Checkpoint>();
  private closed = false;
  private lent: DocumentSet | undefined;

  /**
   * The stored documents themselves, for a projection's synchronous change (see DocumentSet): `edit` answers
   * the stored object, and the change is visible to readers as it is made (readers get copies, as always).
   */
  documents(): DocumentSet {
    this.assertOpen();
    return (this.lent ??= {
      get: <T extends Doc>(collection: string, id: string): T | undefined => this.collections.get(collection)?.get(id) as T | undefined,
      edit: <T extends Doc>(collection: string, id: string, position: number, create: boolean | T = false): T | undefined => {
        this.assertOpen();
        const docs = this.collections.get(collection);
        const doc = docs?.get(id);
        if (doc !== undefined) {
          // `_position` by name (POSITION_FIELD): a named access is cheaper than a keyed one over the many
          // document shapes this line meets (~8M times in a 1M-event rebuild).
          if (!isBelowGuard(doc['_position'], position)) return undefined;
          doc['_position'] = position;
          return doc as T;
        }
        if (create === false) return undefined;
        assertCollectionName(collection);
        assertId(collection, id);
        const created = startDocument(create, id, position);
        (docs ?? this.collectionFor(collection)).set(id, created);
        return created as T;
      },
      remove: (collection: string, id: string): void => {
        this.assertOpen();
        this.collections.get(collection)?.delete(id);
      },
    });
  }

  /**
   * The stored documents of one collection as they are (not copies), for handing a collection built in another
   * thread over to this store (`adopt`); undefined when the collection does not exist.
   */
  collectionDocuments(collection: string): ReadonlyMap<string, Doc> | undefined {
    this.assertOpen();
    return this.collections.get(collection);
  }

  /**
   * Takes `docs` as the whole of `collection`, replacing what it held: the documents a projection built in a
   * worker thread (see the projector's parallel catch-up), which this store owns from now on.
   */
  adopt(collection: string, docs: Map<string, Doc>): void {
    this.assertOpen();
    assertCollectionName(collection);
    for (const [id, doc] of docs) {
      assertId(collection, id);
      if (doc._id !== id) throw new Error(`adopt ${collection}: document ${JSON.stringify(doc._id)} filed under ${JSON.stringify(id)}`);
    }
    this.collections.set(collection, docs);
  }

  async get<T extends Doc = Doc>(collection: string, id: string, options?: GetOptions): Promise<T | null> {
    this.assertOpen();
    assertCollectionName(collection);
    const doc = this.collections.get(collection)?.get(id);
    if (!doc) return null;
    return (options?.readOnly === true ? doc : copyValue(doc)) as T;
  }

  async find<T extends Doc = Doc>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.assertOpen();
    assertCollectionName(collection);
    assertFindOptions(collection, options);
    const docs = this.collections.get(collection);
    if (!docs || docs.size === 0) return [];
    const cursor = new Query(filter as Criteria).find<T>(docs.values(), options.projection as MingoProjection | undefined);
    if (options.sort && Object.keys(options.sort).length > 0) cursor.sort(options.sort);
    if (options.skip) cursor.skip(options.skip);
    // mongodb reads limit 0 as "no limit"; mingo would return nothing.
    if (options.limit) cursor.limit(options.limit);
    // mingo returns the stored objects (or projections sharing their nested values): copy them out,
    // unless the caller promised to only read them.
    const docsOut = cursor.all();
    return options.readOnly === true ? docsOut : docsOut.map((doc) => copyValue(doc));
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    this.assertOpen();
    assertCollectionName(collection);
    const docs = this.collections.get(collection);
    if (!docs) return 0;
    if (Object.keys(filter).length === 0) return docs.size;
    const query = new Query(filter as Criteria);
    let n = 0;
    for (const doc of docs.values()) if (query.test(doc)) n++;
    return n;
  }

  async put(collection: string, doc: Doc): Promise<void> {
    this.assertOpen();
    assertCollectionName(collection);
    assertDoc(collection, doc);
    const copy = copyValue(doc);
    // `_id` first, as mongodb stores it, so a caller listing fields sees the same order on both adapters.
    const { _id, ...rest } = copy;
    this.collectionFor(collection).set(doc._id, { _id, ...rest });
  }

  async update(collection: string, id: string, ops: UpdateOps, options: UpdateOptions = {}): Promise<boolean> {
    this.assertOpen();
    assertCollectionName(collection);
    assertUpdate(collection, id, ops, options);
    const docs = this.collections.get(collection);
    const existing = docs?.get(id);
    const position = options.atPosition;
    if (existing) {
      if (position !== undefined && !isBelowGuard(existing[POSITION_FIELD], position)) return false;
      const outcome = applyUpdate(existing, ops, position);
      if (outcome.doc !== existing) docs!.set(id, outcome.doc);
      return outcome.changed;
    }
    if (!options.upsert) return false;
    // Built first and stored only once the update succeeded, so a rejected upsert creates nothing.
    const created = applyUpdate({ _id: id }, ops, position).doc;
    this.collectionFor(collection).set(id, created);
    return true;
  }

  async writeMany(collection: string, writes: readonly DocWrite[]): Promise<void> {
    this.assertOpen();
    assertCollectionName(collection);
    assertWrites(collection, writes);
    if (writes.length === 0) return;
    const docs = this.collectionFor(collection);
    for (const write of writes) {
      if ('delete' in write) {
        docs.delete(write.delete);
        continue;
      }
      const { put, atPosition } = write;
      if (atPosition !== undefined) {
        const stored = docs.get(put._id);
        if (stored && !isBelowGuard(stored[POSITION_FIELD], atPosition)) continue;
      }
      const { _id, ...rest } = copyValue(put);
      docs.set(_id, { _id, ...rest });
    }
  }

  async delete(collection: string, id: string): Promise<boolean> {
    this.assertOpen();
    assertCollectionName(collection);
    assertId(collection, id);
    return this.collections.get(collection)?.delete(id) ?? false;
  }

  async deleteMany(collection: string, filter: Filter = {}): Promise<number> {
    this.assertOpen();
    assertCollectionName(collection);
    const docs = this.collections.get(collection);
    if (!docs) return 0;
    if (Object.keys(filter).length === 0) {
      const n = docs.size;
      docs.clear();
      return n;
    }
    const query = new Query(filter as Criteria);
    let n = 0;
    // Deleting the current entry while iterating a Map is safe: iteration continues with the next one.
    for (const [id, doc] of docs) {
      if (query.test(doc)) {
        docs.delete(id);
        n++;
      }
    }
    return n;
  }

  async drop(collection: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(collection);
    this.collections.delete(collection);
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    return [...this.collections.keys()].sort();
  }

  async getCheckpoint(projection: string): Promise<Checkpoint | null> {
    this.assertOpen();
    const checkpoint = this.checkpoints.get(projection);
    return checkpoint ? { ...checkpoint } : null;
  }

  async setCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.assertOpen();
    const { projection, position, version } = checkpoint;
    this.checkpoints.set(projection, { projection, position, version });
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    this.assertOpen();
    this.checkpoints.delete(projection);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** A collection exists from its first write until it is dropped, even when empty, as in mongodb. */
  private collectionFor(name: string): Map<string, Doc> {
    let docs = this.collections.get(name);
    if (!docs) {
      docs = new Map();
      this.collections.set(name, docs);
    }
    return docs;
  }

  private assertOpen(): void {
    // Fails loudly like a closed mongodb client, instead of quietly writing into a store nobody reads.
    if (this.closed) throw new Error('read store is closed');
  }
}
