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

export interface Checkpoint {
  projection: string;
  /** Last global position applied. */
  position: number;
  version: number;
}

export interface ReadStore {
  readonly kind: 'memory' | 'mongodb';
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  /** Replace the whole document (insert when absent). */
  put(collection: string, doc: Doc): Promise<void>;
  /** Returns true when a document was changed or created. */
  update(collection: string, id: string, ops: UpdateOps, options?: UpdateOptions): Promise<boolean>;
  delete(collection: string, id: string): Promise<boolean>;
  deleteMany(collection: string, filter?: Filter): Promise<number>;
  /** Remove the collection and every document in it. */
  drop(collection: string): Promise<void>;
  listCollections(): Promise<string[]>;
  getCheckpoint(projection: string): Promise<Checkpoint | null>;
  setCheckpoint(checkpoint: Checkpoint): Promise<void>;
  deleteCheckpoint(projection: string): Promise<void>;
  close(): Promise<void>;
}
