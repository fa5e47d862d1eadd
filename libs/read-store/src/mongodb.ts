/**
 * The production read store: one mongodb collection per read-store collection (named `prefix + name`),
 * checkpoints in `prefix + '_checkpoints'` as `{ _id: projection, position, version }`.
 *
 * The client is created with `ignoreUndefined` so an `undefined` field is left out, as the memory store
 * (and the JSON round trip of the event store) does, rather than stored as null.
 */
import type { AnyBulkWriteOperation, Collection, Db, Filter as MongoFilter, MongoClient, UpdateFilter } from 'mongodb';
import type { Checkpoint, Doc, DocWrite, Filter, FindOptions, ReadStore, UpdateOps, UpdateOptions } from './port';
// The driver is loaded when a MongoDB store is opened: a server on the embedded default never pays its ~20 MB.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const driver = (): typeof import('mongodb') => require('mongodb') as typeof import('mongodb');
import { assertCollectionName, assertDoc, assertFindOptions, assertId, assertUpdate, assertWrites, POSITION_FIELD, withPosition } from './rules';

export interface MongoReadStoreOptions {
  /** Database name; default: the one in the URL (or the driver's default, `test`). */
  database?: string;
  /** Prepended to every collection name, so several deployments or test runs can share one database. */
  prefix?: string;
}

interface CheckpointDoc {
  _id: string;
  position: number;
  version: number;
}

const CHECKPOINTS = '_checkpoints';
/** mongodb's duplicate-key error. */
const DUPLICATE_KEY = 11000;

export class MongoReadStore implements ReadStore {
  readonly kind = 'mongodb' as const;
  private readonly checkpoints: Collection<CheckpointDoc>;

  /**
   * @param ownsClient when true, `close()` closes the client (the store created it); pass false to
   *   share a client the caller keeps managing.
   */
  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly prefix = '',
    private readonly ownsClient = false,
  ) {
    this.checkpoints = db.collection<CheckpointDoc>(prefix + CHECKPOINTS);
  }

  /** Connects (failing fast when the server is unreachable) and returns a store owning the client. */
  static async connect(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    const client = new (driver().MongoClient)(url, { ignoreUndefined: true });
    await client.connect();
    return new MongoReadStore(client, client.db(options.database), options.prefix ?? '', true);
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    const doc = await this.collection(collection).findOne({ _id: id });
    return doc as T | null;
  }

  async find<T extends Doc = Doc>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    assertFindOptions(collection, options);
    const docs = await this.collection(collection)
      .find(filter as MongoFilter<Doc>, {
        ...(options.sort && { sort: options.sort }),
        ...(options.skip !== undefined && { skip: options.skip }),
        ...(options.limit !== undefined && { limit: options.limit }),
        ...(options.projection && { projection: options.projection }),
      })
      .toArray();
    return docs as T[];
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    return this.collection(collection).countDocuments(filter as MongoFilter<Doc>);
  }

  async put(collection: string, doc: Doc): Promise<void> {
    assertDoc(collection, doc);
    await this.collection(collection).replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  async update(collection: string, id: string, ops: UpdateOps, options: UpdateOptions = {}): Promise<boolean> {
    assertUpdate(collection, id, ops, options);
    const position = options.atPosition;
    const filter: MongoFilter<Doc> = position === undefined ? { _id: id } : { _id: id, ...guardFilter(position) };
    const update = toMongoUpdate(withPosition(ops, position));
    try {
      const result = await this.collection(collection).updateOne(filter, update, { upsert: options.upsert === true });
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (err) {
      // With the guard, an upsert on a document whose `_position` is already >= position matches
      // nothing, so mongodb tries to insert a second document with that `_id`: the event was applied
      // before, which is the guard doing its job, not an error.
      if (position !== undefined && options.upsert && isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async writeMany(collection: string, writes: readonly DocWrite[]): Promise<void> {
    assertWrites(collection, writes);
    // The driver refuses an empty batch.
    if (writes.length === 0) return;
    const operations: AnyBulkWriteOperation<Doc>[] = writes.map((write) => {
      if ('delete' in write) return { deleteOne: { filter: { _id: write.delete } } };
      const { put, atPosition } = write;
      // The same guard as update's: when it does not match an existing document, the upsert's insert
      // meets the `_id` and fails with a duplicate key, which is the guard refusing, not an error.
      const filter: MongoFilter<Doc> = atPosition === undefined ? { _id: put._id } : { _id: put._id, ...guardFilter(atPosition) };
      return { replaceOne: { filter, replacement: put, upsert: true } };
    });
    try {
      // Unordered: the writes are of different documents, and one refused by its guard must not stop the others.
      await this.collection(collection).bulkWrite(operations, { ordered: false });
    } catch (err) {
      if (!(err instanceof driver().MongoBulkWriteError) || err.result.getWriteConcernError()) throw err;
      const failed = err.result.getWriteErrors();
      const real = failed.filter((w) => {
        const write = writes[w.index];
        return !(w.code === DUPLICATE_KEY && write !== undefined && 'put' in write && write.atPosition !== undefined);
      });
      if (real.length > 0 || failed.length === 0) throw err;
    }
  }

  async delete(collection: string, id: string): Promise<boolean> {
    assertId(collection, id);
    const result = await this.collection(collection).deleteOne({ _id: id });
    return result.deletedCount > 0;
  }

  async deleteMany(collection: string, filter: Filter = {}): Promise<number> {
    const result = await this.collection(collection).deleteMany(filter as MongoFilter<Doc>);
    return result.deletedCount;
  }

  async drop(collection: string): Promise<void> {
    // The driver answers false (not an error) when the collection does not exist.
    await this.collection(collection).drop();
  }

  async listCollections(): Promise<string[]> {
    const infos = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return infos
      .map((info) => info.name)
      .filter((name) => name.startsWith(this.prefix) && !name.startsWith('system.'))
      .map((name) => name.slice(this.prefix.length))
      .filter((name) => name !== CHECKPOINTS && name.length > 0 && !name.startsWith('_'))
      .sort();
  }

  async getCheckpoint(projection: string): Promise<Checkpoint | null> {
    const doc = await this.checkpoints.findOne({ _id: projection });
    return doc ? { projection, position: doc.position, version: doc.version } : null;
  }

  async setCheckpoint(checkpoint: Checkpoint): Promise<void> {
    const { projection, position, version } = checkpoint;
    await this.checkpoints.replaceOne({ _id: projection }, { position, version }, { upsert: true });
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    await this.checkpoints.deleteOne({ _id: projection });
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private collection(name: string): Collection<Doc> {
    assertCollectionName(name);
    return this.db.collection<Doc>(this.prefix + name);
  }
}

/** The projection guard: no `_position` yet, or a lower one. */
function guardFilter(position: number): MongoFilter<Doc> {
  return { $or: [{ [POSITION_FIELD]: { $exists: false } }, { [POSITION_FIELD]: { $lt: position } }] };
}

/** Only the operators that carry something: mongodb rejects `{ $set: undefined }`. */
function toMongoUpdate(ops: UpdateOps): UpdateFilter<Doc> {
  const update: Record<string, unknown> = {};
  for (const [op, fields] of Object.entries(ops)) if (fields !== undefined) update[op] = fields;
  return update as UpdateFilter<Doc>;
}

function isDuplicateKey(err: unknown): boolean {
  // Duck-typed: depending on the path the driver raises MongoServerError or a write error carrying the code.
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}
