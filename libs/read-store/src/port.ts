/**
 * The read-store port: named collections of JSON documents keyed by `_id`, a MongoDB-shaped query
 * subset, and one checkpoint per projection. The memory adapter (mingo) and the mongodb adapter
 * must behave the same; one contract suite proves it.
 */

export type Doc = { _id: string } & Record<string, unknown>;

/** A MongoDB query filter (equality, $eq $ne $gt $gte $lt $lte $in $nin $exists $regex $and $or $not $elemMatch). */
export type Filter = Record<string, unknown>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  /** Fields to return (1) or leave out (0), as in MongoDB. */
  projection?: Record<string, 0 | 1>;
  /**
   * The caller only reads the documents (a report summing a year of buckets): the memory store may then
   * answer its own objects instead of deep copies, which are most of the cost of a large read. Changing
   * them would change the store, so a caller that edits, keeps or returns them must not set this. mongodb
   * always answers fresh documents.
   */
  readOnly?: boolean;
}

export interface GetOptions {
  /**
   * The caller only reads the document (a projection looking up a site's time zone per event): the memory
   * store may answer its own object instead of a copy, under the same promise as `FindOptions.readOnly`.
   */
  readOnly?: boolean;
}

export interface UpdateOps {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
  $unset?: Record<string, '' | 1 | true>;
}

export interface UpdateOptions {
  /** Create the document when it does not exist. */
  upsert?: boolean;
  /**
   * Idempotency guard for projections: apply only when the document's `_position` is absent or
   * lower than this, and store it as the new `_position`. Re-applying an event then changes nothing.
   */
  atPosition?: number;
}

/**
 * One write of a batch (`writeMany`). `put` replaces the whole document (inserts it when absent); with
 * `atPosition` it is the projection guard of `update`: the document is written only when the stored one
 * has no `_position` or a lower one, else the stored one is left as is. `delete` removes the document.
 */
export type DocWrite = { put: Doc; atPosition?: number } | { delete: string };

export interface Checkpoint {
  projection: string;
  /** Last global position applied. */
  position: number;
  version: number;
}

export interface ReadStore {
  readonly kind: 'memory' | 'mongodb';
  get<T extends Doc = Doc>(collection: string, id: string, options?: GetOptions): Promise<T | null>;
  find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  /** Replace the whole document (insert when absent). */
  put(collection: string, doc: Doc): Promise<void>;
  /** Returns true when a document was changed or created. */
  update(collection: string, id: string, ops: UpdateOps, options?: UpdateOptions): Promise<boolean>;
  delete(collection: string, id: string): Promise<boolean>;
  /**
   * Applies many writes to one collection in one round trip (the projector's catch-up flushes its working
   * set with it). Writes of different documents are independent; two writes of one document are not
   * allowed in one call. Resolves once every write is stored or refused by its guard.
   */
  writeMany(collection: string, writes: readonly DocWrite[]): Promise<void>;
  deleteMany(collection: string, filter?: Filter): Promise<number>;
  /** Remove the collection and every document in it. */
  drop(collection: string): Promise<void>;
  listCollections(): Promise<string[]>;
  getCheckpoint(projection: string): Promise<Checkpoint | null>;
  setCheckpoint(checkpoint: Checkpoint): Promise<void>;
  deleteCheckpoint(projection: string): Promise<void>;
  close(): Promise<void>;
}
