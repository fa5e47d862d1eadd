/**
 * The embedded, durable event store: one SQLite file (WAL, synchronous=FULL), shareable by several
 * processes on one host.
 *
 * Durability: an append's promise resolves only after the COMMIT that holds it returned, and with
 * synchronous=FULL that COMMIT has fsynced the WAL — an acknowledged event survives kill -9 / power loss.
 *
 * Throughput comes from group commit, not from weaker durability: appends made while the event loop is
 * busy are queued and flushed together on the next `setImmediate`, in ONE `BEGIN IMMEDIATE … COMMIT`
 * (one fsync for the lot). Each append is checked against the revisions as they are inside that
 * transaction (including the appends before it in the same batch) before it writes anything, and a
 * multi-event append writes inside its own SAVEPOINT, so a conflicting or failing append fails alone
 * and the others still commit.
 *
 * Global order and the gap problem: positions come from `INTEGER PRIMARY KEY AUTOINCREMENT`, i.e. they are
 * assigned when the row is inserted, and a reader polling `position > n` could in general see 12 committed
 * before 11 and then skip 11 for ever. That cannot happen here: SQLite admits ONE write transaction per
 * database file at a time (the WAL write lock, across processes too), and we take that lock at
 * BEGIN IMMEDIATE, before reading anything. The transaction assigning 11 therefore commits — or rolls
 * back, and then 11 is assigned again by the next writer, because sqlite_sequence rolls back with it —
 * before any other transaction can assign 12. Committed positions are always a gap-free prefix 1..N,
 * so "read position > lastSeen" never skips an event. (AUTOINCREMENT rather than a plain rowid: a
 * position is never reused even if the tail were ever deleted, so projector checkpoints stay valid.)
 *
 * Because the expected-revision check also runs inside BEGIN IMMEDIATE, it sees every commit of every
 * process: two processes cannot both append revision 5 of a stream.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { decideAppend, validateAppend } from './append-rules';
import { CommitSignal, PagedAllSubscription } from './paged-subscription';
import { RecentEvents } from './recent-events';
import {
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExistingEventLocation,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from './port';

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another process's write transaction (ms). */
  busyTimeoutMs?: number;
  /** Most appends flushed in one transaction; the rest go in the next one. */
  maxBatch?: number;
  /** How often an idle subscription looks for commits made by other processes (ms). */
  pollMs?: number;
  /** Events read per page by a subscription (at most this many held in memory per subscriber). */
  pageSize?: number;
}

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  /** Data and metadata serialised up front, so a bad payload fails its own append before the batch. */
  rows: { id: string; type: string; data: string; metadata: string }[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface EventRow {
  position: number;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

const SCHEMA_VERSION = 1;
const COLUMNS = 'position, stream_id AS streamId, revision, id, type, data, metadata';
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly maxBatch: number;
  private readonly pollMs: number;
  private readonly pageSize: number;
  private readonly signal = new CommitSignal();
  private readonly subscriptions = new Set<PagedAllSubscription>();
  /** The newest events, read once and shared by this process's subscriptions. */
  private readonly recent = new RecentEvents(10_000);
  private queue: PendingAppend[] = [];
  private committedTransactions = 0;
  private committedAppends = 0;
  private flushScheduled = false;
  private closed = false;

  private readonly stmt: {
    lastRevision: Database.Statement<[string], number | null>;
    locate: Database.Statement<[string], ExistingEventLocation>;
    insert: Database.Statement<[string, number, string, string, string, string]>;
    head: Database.Statement<[], number>;
    streamForwards: Database.Statement<[string, number, number], EventRow>;
    streamBackwards: Database.Statement<[string, number, number], EventRow>;
    allForwards: Database.Statement<[number, number, number], EventRow>;
    allBackwards: Database.Statement<[number, number, number], EventRow>;
  };
  private readonly applyOne: (append: PendingAppend) => AppendResult;
  private readonly flushBatch: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;

  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.pollMs = options.pollMs ?? 50;
    this.pageSize = options.pageSize ?? 1000;
    this.db = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 });
    // busy_timeout is set by the constructor option before these run, so a second process opening the
    // file while the first holds a lock waits instead of failing.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Savepoint sub-journals in memory rather than in temp files (they never need to be durable).
    this.db.pragma('temp_store = MEMORY');
    this.migrate();

    this.stmt = {
      lastRevision: this.db.prepare<[string], number | null>('SELECT max(revision) FROM events WHERE stream_id = ?').pluck(),
      locate: this.db.prepare<[string], ExistingEventLocation>('SELECT id, stream_id AS streamId, revision, position FROM events WHERE id = ?'),
      insert: this.db.prepare<[string, number, string, string, string, string]>(
        'INSERT INTO events (stream_id, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      head: this.db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck(),
      streamForwards: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`),
      streamBackwards: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`),
      allForwards: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position ASC LIMIT ?`),
      allBackwards: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position DESC LIMIT ?`),
    };

    const apply = (append: PendingAppend): AppendResult => {
      const last = this.stmt.lastRevision.get(append.streamId);
      const existing = append.rows.map((r) => this.stmt.locate.get(r.id));
      const verdict = decideAppend(append.streamId, append.events, append.expected, last ?? undefined, existing);
      if (verdict.kind === 'retry') return verdict.result;
      let position = 0;
      append.rows.forEach((r, i) => {
        const info = this.stmt.insert.run(append.streamId, verdict.firstRevision + i, r.id, r.type, r.data, r.metadata);
        position = Number(info.lastInsertRowid);
      });
      return { nextExpectedRevision: verdict.firstRevision + append.rows.length - 1, position };
    };
    // Nested inside flushBatch, better-sqlite3 runs this as a SAVEPOINT: if any insert of a multi-event
    // append throws, that append's earlier inserts are rolled back and the batch goes on.
    const applyInSavepoint = this.db.transaction(apply);
    // Every rejection by the rules happens before the first write, and a single INSERT that fails is
    // undone by SQLite on its own (statement atomicity), so one-event appends — nearly all of them —
    // skip the savepoint's cost.
    this.applyOne = (append) => (append.rows.length === 1 ? apply(append) : applyInSavepoint(append));

    this.flushBatch = this.db.transaction((batch: PendingAppend[]): Outcome[] =>
      batch.map((append): Outcome => {
        try {
          return { ok: true, result: this.applyOne(append) };
        } catch (error) {
          // Nothing of this append is left (see applyOne) and the batch goes on. If SQLite itself aborted the
          // whole transaction (I/O error, disk full), there is nothing left to go on with: fail the batch.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      if (this.closed) throw new Error('event store is closed');
      validateAppend(streamId, events, expected);
      const rows = events.map((e) => ({ id: e.id, type: e.type, data: toJson(e.data), metadata: toJson(e.metadata) }));
      this.queue.push({ streamId, events, rows, expected, resolve, reject });
      this.scheduleFlush();
    });
  }

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = limitOf(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? this.stmt.streamBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.stmt.streamForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readAllSync(options);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription: PagedAllSubscription = new PagedAllSubscription({
      readPage: (after, limit) => (this.closed ? [] : this.readAllSync({ after, maxCount: limit })),
      signal: this.signal,
      after: options.after ?? 0,
      pageSize: this.pageSize,
      pollMs: this.pollMs,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.stmt.head.get() ?? 0;
  }

  /** Group-commit counters since open (appends that were written or recognised as retries). */
  get stats(): { transactions: number; appends: number } {
    return { transactions: this.committedTransactions, appends: this.committedAppends };
  }

  /** Commits what is queued, ends every subscription, closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted were promised a commit: honour them before closing.
    while (this.queue.length > 0) this.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.db.close();
  }

  private readAllSync(options: ReadAllOptions): RecordedEvent[] {
    const after = options.after ?? 0;
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    const limit = limitOf(options.maxCount);
    if (options.direction === 'backwards') return this.stmt.allBackwards.all(after, before, limit).map(toRecorded);
    const open = options.before === undefined;
    const cached = open ? this.recent.read(after, limit) : undefined;
    if (cached) return cached;
    const read = this.stmt.allForwards.all(after, before, limit).map(toRecorded);
    return open ? this.recent.remember(after, read) : read;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate, not queueMicrotask: it runs after every continuation already queued has had its
    // turn, so appenders that were just woken by the previous commit make it into this batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      // BEGIN IMMEDIATE: take the write lock before the first read, so the revisions checked are the
      // ones this transaction commits on top of (see the header comment).
      outcomes = this.flushBatch.immediate(batch);
    } catch (error) {
      // BEGIN timed out behind another process, or COMMIT failed: nothing of this batch is stored.
      for (const append of batch) append.reject(error);
      return;
    }
    // Resolve only now: COMMIT has returned, so the events are on disk.
    this.committedTransactions++;
    this.committedAppends += outcomes.filter((o) => o.ok).length;
    if (outcomes.some((o) => o.ok)) this.signal.notify();
    outcomes.forEach((outcome, i) => {
      const append = batch[i]!;
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) {
      throw new Error(`${this.file}: event store schema ${version} is newer than this code understands (${SCHEMA_VERSION})`);
    }
    // IMMEDIATE so two processes opening a fresh file do not both try to create the schema.
    this.db
      .transaction(() => {
        this.db.exec(`
          CREATE TABLE IF NOT EXISTS events (
            position  INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id TEXT    NOT NULL,
            revision  INTEGER NOT NULL,
            id        TEXT    NOT NULL UNIQUE,
            type      TEXT    NOT NULL,
            data      TEXT    NOT NULL,
            metadata  TEXT    NOT NULL,
            UNIQUE (stream_id, revision)
          );
        `);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/** Opens (and creates the directory of) a sqlite event store file. */
export function openSqliteEventStore(file: string, options?: SqliteEventStoreOptions): SqliteEventStore {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new SqliteEventStore(file, options);
}

function limitOf(maxCount: number | undefined): number {
  return maxCount === undefined ? NO_LIMIT : Math.max(0, Math.floor(maxCount));
}

function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON.stringify(undefined) is undefined, not a string; the column is NOT NULL.
  return json === undefined ? 'null' : json;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    streamId: row.streamId,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}
