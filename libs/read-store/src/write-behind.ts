/**
 * A write-behind working set in front of a read store, for the projector's catch-up and rebuilds: a
 * document is read from the store once, every event of a batch changes it in place (the memory store's own
 * operators and `atPosition` guard, so it ends exactly as the per-event path would leave it), and
 * `flush()` writes the changed documents back with one `writeMany` per collection instead of one round
 * trip per document per event.
 *
 * `flush({ changesOnly: true })` (a live event on a store over the network, see changeDocuments) writes a
 * document read from the store as the update operators that turn it into its new version (a few counters
 * of a 100+ KB day bucket, the last message of a transcript) instead of the whole document: the entry keeps
 * a copy of the document as the store holds it (`base`) to compare with.
 *
 * Nothing is visible in the store before `flush()`: the projector moves a projection's checkpoint (and its
 * read-your-writes position) only after the flush, so a crash loses at most the unflushed batch, whose
 * events are then applied again from the checkpoint (idempotently, per document, as always).
 *
 * Only the projector's writer uses it, over collections that nobody else writes while it runs (each
 * collection has one owner projection, and a run is its projections' only writer).
 */
import { applyUpdate } from './apply-update';
import { updateOpsBetween } from './document-diff';
import { DocumentsNeeded, startDocument, type DocumentSet } from './document-set';
import { copyValue } from './document-values';
import type { Checkpoint, Doc, DocWrite, Filter, FindOptions, GetOptions, ReadStore, UpdateOps, UpdateOptions } from './port';
import { assertCollectionName, assertDoc, assertId, assertUpdate, isBelowGuard, POSITION_FIELD } from './rules';

interface Entry {
  /** The working document; null when absent (never stored, or deleted in this batch). */
  doc: Doc | null;
  dirty: boolean;
  /** Every change since the last flush carried a position: the write back keeps the guard. */
  guarded: boolean;
  /**
   * The document as the store holds it (a copy no change touches), for `flush({ changesOnly })` to write
   * only what changed. Kept for documents read from the store only: not for one never stored, nor for the
   * documents of whole collections (a rebuild writes them whole anyway). Undefined: written whole.
   */
  base?: Doc | undefined;
}

export interface FlushOptions {
  /**
   * Write a changed document read from the store as update operators (only what changed, guarded by its
   * `_position`) rather than whole; created and deleted documents, and changes no dotted path can name, are
   * written as before. One round trip per changed document: meant for the few documents of one live event.
   */
  changesOnly?: boolean;
  /**
   * Nothing is read or changed through this working set after this flush (one live event's): the documents
   * written are not copied to serve as the bases of later changes.
   */
  last?: boolean;
}

/** Clean documents kept between flushes (hot ones: day buckets, site zones, profiles) before the cache is emptied. */
const DEFAULT_KEEP = 50_000;
/** Documents of whole collections kept (a rebuild's read models) before they too are forgotten and read back as needed. */
const KEEP_WHOLE = 2_000_000;

export class WriteBehindStore implements ReadStore {
  readonly kind: ReadStore['kind'];
  private readonly collections = new Map<string, Map<string, Entry>>();
  /** Reads from the store in flight, so two reads of one document share one entry. */
  private readonly loading = new Map<string, Promise<Entry>>();
  private entries = 0;
  /** Ids of the entries changed since the last flush, per collection (some may have been undone since). */
  private readonly dirtyIds = new Map<string, Set<string>>();
  /**
   * Collections whose every document is in the working set (they were empty when it started, and only it
   * writes them): a document it does not hold is absent, without asking the store. A rebuild's collections,
   * just dropped, are such: their documents are never loaded, and a change needs no undo copy.
   */
  private readonly whole = new Set<string>();

  constructor(
    private readonly store: ReadStore,
    private readonly keep = DEFAULT_KEEP,
  ) {
    this.kind = store.kind;
  }

  /**
   * Declares that the store holds no document of `collection` that this working set has not seen (the caller
   * checked it is empty and is its only writer). Kept until the working set holds `keepWhole` documents.
   */
  holdsWhole(collection: string): void {
    assertCollectionName(collection);
    this.whole.add(collection);
    if (!this.collections.has(collection)) this.collections.set(collection, new Map());
  }

  /** Documents changed since the last flush. */
  get pending(): number {
    let n = 0;
    for (const [collection, ids] of this.dirtyIds) {
      const docs = this.collections.get(collection);
      for (const id of ids) if (docs?.get(id)?.dirty) n++;
    }
    return n;
  }

  /**
   * Writes every changed document to the store: one `writeMany` per collection, or with `changesOnly` an
   * `update` of what changed per document read from the store (see FlushOptions).
   */
  async flush(options: FlushOptions = {}): Promise<void> {
    if (options.changesOnly === true) await this.flushChanges(options.last === true);
    else {
      const dirty = this.takeDirty();
      for (const [collection, entries] of dirty) {
        const writes: DocWrite[] = [];
        const written: Entry[] = [];
        for (const [id, entry] of entries) {
          writes.push(wholeWrite(id, entry));
          written.push(entry);
          // No copy of what is written (a catch-up flushes many large documents per batch): the base is
          // dropped, and should a changesOnly flush meet the document changed again it writes it whole.
          entry.base = undefined;
        }
        if (writes.length === 0) continue;
        try {
          await this.store.writeMany(collection, writes);
        } catch (err) {
          // The entries stay dirty, listed again with every one not written yet: the next flush writes them.
          this.relist(dirty);
          throw err;
        }
        for (const entry of written) {
          entry.dirty = false;
          entry.guarded = true;
        }
      }
    }
    if (this.entries > this.keep) this.evict();
  }

  /** flush({ changesOnly }): the writes go out together; each one written leaves its entry clean. */
  private async flushChanges(last: boolean): Promise<void> {
    const writing: Promise<void>[] = [];
    const dirty = this.takeDirty();
    for (const [collection, entries] of dirty) {
      const writes: DocWrite[] = [];
      const written: Entry[] = [];
      for (const [id, entry] of entries) {
        const { doc, base } = entry;
        const position = doc?.[POSITION_FIELD];
        if (doc && base && entry.guarded && typeof position === 'number') {
          const ops = updateOpsBetween(base, doc);
          if (ops === 'equal' && base[POSITION_FIELD] === position) {
            // Changed and changed back: the store holds it already.
            entry.dirty = false;
            entry.guarded = true;
            continue;
          }
          if (ops !== 'replace') {
            // The document as written, taken now (unless no later flush needs it): the base once the store has it.
            const sent = last ? null : copyValue(doc);
            // Equal but for `_position`: the guard's `$set` of it is the whole update, as an update with
            // `atPosition` that changed nothing else did. No upsert: the document is stored (it is the base).
            const update = this.store.update(collection, id, ops === 'equal' ? {} : ops, { atPosition: position });
            writing.push(
              update.then(
                () => this.written(entry, sent),
                (err: unknown) => this.notWritten([entry], err),
              ),
            );
            continue;
          }
        }
        writes.push(wholeWrite(id, entry));
        written.push(entry);
      }
      if (writes.length === 0) continue;
      const sent = written.map((entry) => (last ? null : entry.doc && copyValue(entry.doc)));
      writing.push(
        this.store.writeMany(collection, writes).then(
          () => written.forEach((entry, i) => this.written(entry, sent[i]!)),
          (err: unknown) => this.notWritten(written, err),
        ),
      );
    }
    // Every write is awaited before a failure is reported; a failed one leaves its entries dirty for the next flush.
    const outcomes = await Promise.allSettled(writing);
    this.relist(dirty);
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  }

  /**
   * Entries whose write failed stay dirty, and lose their base: the store may hold the write anyway (a reply
   * lost on the way), so the next flush writes them whole (guarded) rather than changes against a stale base
   * (a `$push` of items already stored would store them twice).
   */
  private notWritten(entries: readonly Entry[], err: unknown): never {
    for (const entry of entries) entry.base = undefined;
    throw err;
  }

  /** An entry written: clean, and `sent` (a copy of what the store now holds; null when deleted) its base. */
  private written(entry: Entry, sent: Doc | null): void {
    entry.dirty = false;
    entry.guarded = true;
    entry.base = sent ?? undefined;
  }

  /** Forgets the clean documents: every one, except those of whole collections while they stay under their bound. */
  private evict(): void {
    let wholeEntries = 0;
    for (const collection of this.whole) wholeEntries += this.collections.get(collection)?.size ?? 0;
    const keepWhole = wholeEntries <= KEEP_WHOLE;
    if (!keepWhole) this.whole.clear();
    for (const collection of [...this.collections.keys()]) {
      if (keepWhole && this.whole.has(collection)) continue;
      this.collections.delete(collection);
    }
    this.entries = keepWhole ? wholeEntries : 0;
  }

  /**
   * Runs a synchronous change (see DocumentSet) over the working set: a document not loaded yet undoes what
   * the attempt changed, is loaded, and the change runs again. The changed documents are written by `flush()`.
   */
  async applyDocuments(change: (docs: DocumentSet) => void): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const undo = new Map<Entry, Entry>();
      const needs: { collection: string; id: string }[] = [];
      const lookup = (collection: string, id: string): Entry => {
        const entry = this.collections.get(collection)?.get(id) ?? this.absentFromWhole(collection, id);
        if (entry) return entry;
        needs.push({ collection, id });
        throw new DocumentsNeeded(needs);
      };
      const changing = (collection: string, entry: Entry): void => {
        // Nothing of a whole collection is ever missing, so no attempt over it is undone for a load.
        if (this.whole.has(collection) || undo.has(entry)) return;
        undo.set(entry, { doc: entry.doc && copyValue(entry.doc), dirty: entry.dirty, guarded: entry.guarded });
      };
      const docs: DocumentSet = {
        get: <T extends Doc>(collection: string, id: string) => (lookup(collection, id).doc ?? undefined) as T | undefined,
        edit: <T extends Doc>(collection: string, id: string, position: number, create: boolean | T = false) => {
          const entry = lookup(collection, id);
          if (entry.doc) {
            if (!isBelowGuard(entry.doc[POSITION_FIELD], position)) return undefined;
            changing(collection, entry);
            entry.doc[POSITION_FIELD] = position;
          } else {
            if (create === false) return undefined;
            assertCollectionName(collection);
            assertId(collection, id);
            changing(collection, entry);
            entry.doc = startDocument(create, id, position);
          }
          this.touch(collection, id, entry, position);
          return entry.doc as T;
        },
        remove: (collection: string, id: string) => {
          const entry = lookup(collection, id);
          if (!entry.doc) return;
          changing(collection, entry);
          entry.doc = null;
          this.touch(collection, id, entry, undefined);
        },
      };
      try {
        change(docs);
        return;
      } catch (err) {
        // Undone in place (the entries stay the ones the collections hold): a failed change leaves nothing behind.
        for (const [entry, before] of undo) {
          entry.doc = before.doc;
          entry.dirty = before.dirty;
          entry.guarded = before.guarded;
        }
        if (!(err instanceof DocumentsNeeded) || needs.length === 0 || attempt > 10_000) throw err;
        await Promise.all(needs.map((n) => this.entry(n.collection, n.id)));
      }
    }
  }

  async get<T extends Doc = Doc>(collection: string, id: string, options?: GetOptions): Promise<T | null> {
    assertCollectionName(collection);
    const entry = await this.entry(collection, id);
    if (!entry.doc) return null;
    return (options?.readOnly === true ? entry.doc : copyValue(entry.doc)) as T;
  }

  async update(collection: string, id: string, ops: UpdateOps, options: UpdateOptions = {}): Promise<boolean> {
    assertCollectionName(collection);
    assertUpdate(collection, id, ops, options);
    const entry = await this.entry(collection, id);
    const position = options.atPosition;
    if (entry.doc) {
      if (position !== undefined && !isBelowGuard(entry.doc[POSITION_FIELD], position)) return false;
      const outcome = applyUpdate(entry.doc, ops, position);
      entry.doc = outcome.doc;
      if (outcome.changed) this.touch(collection, id, entry, position);
      return outcome.changed;
    }
    if (!options.upsert) return false;
    entry.doc = applyUpdate({ _id: id }, ops, position).doc;
    this.touch(collection, id, entry, position);
    return true;
  }

  async put(collection: string, doc: Doc): Promise<void> {
    assertCollectionName(collection);
    assertDoc(collection, doc);
    const entry = await this.entry(collection, doc._id);
    const { _id, ...rest } = copyValue(doc);
    entry.doc = { _id, ...rest };
    this.touch(collection, _id, entry, undefined);
  }

  async delete(collection: string, id: string): Promise<boolean> {
    assertCollectionName(collection);
    assertId(collection, id);
    const entry = await this.entry(collection, id);
    if (!entry.doc) return false;
    entry.doc = null;
    this.touch(collection, id, entry, undefined);
    return true;
  }

  // Queries over many documents see the store, so the working set is written first.

  async find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]> {
    await this.flush();
    return this.store.find<T>(collection, filter, options);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    await this.flush();
    return this.store.count(collection, filter);
  }

  async writeMany(collection: string, writes: readonly DocWrite[]): Promise<void> {
    await this.flush();
    this.forget(collection);
    await this.store.writeMany(collection, writes);
  }

  async deleteMany(collection: string, filter?: Filter): Promise<number> {
    await this.flush();
    this.forget(collection);
    return this.store.deleteMany(collection, filter);
  }

  async drop(collection: string): Promise<void> {
    this.forget(collection);
    await this.store.drop(collection);
  }

  async listCollections(): Promise<string[]> {
    await this.flush();
    return this.store.listCollections();
  }

  getCheckpoint(projection: string): Promise<Checkpoint | null> {
    return this.store.getCheckpoint(projection);
  }

  setCheckpoint(checkpoint: Checkpoint): Promise<void> {
    return this.store.setCheckpoint(checkpoint);
  }

  deleteCheckpoint(projection: string): Promise<void> {
    return this.store.deleteCheckpoint(projection);
  }

  /** Writes what is pending; the store itself stays open (it belongs to the caller). */
  async close(): Promise<void> {
    await this.flush();
  }

  /** The entry of a document a whole collection does not hold: absent, known without asking the store. */
  private absentFromWhole(collection: string, id: string): Entry | undefined {
    if (!this.whole.has(collection)) return undefined;
    const entry: Entry = { doc: null, dirty: false, guarded: true };
    this.collections.get(collection)!.set(id, entry);
    this.entries++;
    return entry;
  }

  private touch(collection: string, id: string, entry: Entry, position: number | undefined): void {
    // The first change after a flush decides from scratch; an unpositioned change makes the write unguarded.
    if (!entry.dirty) {
      entry.guarded = true;
      let ids = this.dirtyIds.get(collection);
      if (!ids) this.dirtyIds.set(collection, (ids = new Set()));
      ids.add(id);
    }
    entry.dirty = true;
    if (position === undefined) entry.guarded = false;
  }

  /** Lists again the entries of `taken` still dirty (their write failed) for the next flush. */
  private relist(taken: [string, [string, Entry][]][]): void {
    for (const [collection, entries] of taken) {
      for (const [id, entry] of entries) {
        if (!entry.dirty) continue;
        let ids = this.dirtyIds.get(collection);
        if (!ids) this.dirtyIds.set(collection, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  /**
   * The dirty entries of each collection, and forgets the ids listed for it (a flush then marks again the
   * ones it could not write). Listed, not searched: a rebuild's working set holds every document.
   */
  private takeDirty(): [collection: string, entries: [id: string, entry: Entry][]][] {
    const out: [string, [string, Entry][]][] = [];
    for (const [collection, ids] of this.dirtyIds) {
      const docs = this.collections.get(collection);
      const entries: [string, Entry][] = [];
      for (const id of ids) {
        const entry = docs?.get(id);
        if (entry?.dirty) entries.push([id, entry]);
      }
      if (entries.length > 0) out.push([collection, entries]);
    }
    this.dirtyIds.clear();
    return out;
  }

  private forget(collection: string): void {
    this.whole.delete(collection);
    this.dirtyIds.delete(collection);
    const docs = this.collections.get(collection);
    if (!docs) return;
    this.entries -= docs.size;
    this.collections.delete(collection);
  }

  private entry(collection: string, id: string): Entry | Promise<Entry> {
    let docs = this.collections.get(collection);
    if (!docs) {
      docs = new Map();
      this.collections.set(collection, docs);
    }
    const entry = docs.get(id) ?? this.absentFromWhole(collection, id);
    if (entry) return entry;
    const key = `${collection}\u0000${id}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.store.get(collection, id).then(
        (doc) => {
          this.loading.delete(key);
          let current = this.collections.get(collection);
          if (!current) {
            current = new Map();
            this.collections.set(collection, current);
          }
          // The store's `get` answers a copy: the working set owns it and may change it in place; the base
          // is a second copy, which no change touches.
          const loaded: Entry = { doc, dirty: false, guarded: true, base: doc ? copyValue(doc) : undefined };
          current.set(id, loaded);
          this.entries++;
          return loaded;
        },
        (err: unknown) => {
          this.loading.delete(key);
          throw err;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }
}

/** The write of a changed entry as a whole document (or its deletion), guarded when every change was. */
function wholeWrite(id: string, entry: Entry): DocWrite {
  if (entry.doc === null) return { delete: id };
  const position = entry.doc[POSITION_FIELD];
  return entry.guarded && typeof position === 'number' ? { put: entry.doc, atPosition: position } : { put: entry.doc };
}
