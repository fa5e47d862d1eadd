/**
 * The embedded, durable event store: one SQLite file (WAL, synchronous=FULL), shareable by several
 * processes on one host.
 *
 * Durability: an append's promise resolves only after the COMMIT that holds it returned, and with
 * synchronous=FULL that COMMIT has fsynced the WAL — an acknowledged event survives kill -9 / power loss.
 *
 * Throughput comes from group commit, not from weaker durability: appends made while the event loop is
 * busy, or while the previous commit is on its way to disk, are queued and flushed together in ONE
 * `BEGIN IMMEDIATE … COMMIT` (one fsync for the lot). Each append is checked against the revisions as
 * they are inside that transaction (including the appends before it in the same batch) before it writes
 * anything, and a multi-event append writes inside its own SAVEPOINT, so a conflicting or failing append
 * fails alone and the others still commit (sqlite-writer.ts).
 *
 * The write connection lives in a worker thread (sqlite-writer.worker.ts): better-sqlite3 is synchronous,
 * and each COMMIT's fsync used to stop this process's event loop (a quarter of it on the message path at
 * 1,000 msg/s). Reads and subscriptions use this thread's own connection; with WAL they never wait for
 * the writer, and a read made after an append resolved sees it (the append resolves after its COMMIT).
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
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { validateAppend } from './append-rules';
import { CommitSignal, PagedAllSubscription } from './paged-subscription';
import { RecentEvents } from './recent-events';
import {
  type AllSubscription,
  type AppendResult,
  type DataOnlyEvent,
  type DataRangeOptions,
  type EventStoreConfig,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from './port';
import { type FromWriter, type ToWriter, type WriteRow, type WriterOptions, toError } from './sqlite-writer';

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another process's write transaction (ms). */
  busyTimeoutMs?: number;
  /** Most appends flushed in one transaction; the rest go in the next one. */
  maxBatch?: number;
  /** How often an idle subscription looks for commits made by other processes (ms). */
  pollMs?: number;
  /** Events read per page by a subscription (at most this many held in memory per subscriber). */
  pageSize?: number;
  /**
   * Only reads, from another thread or process than the one writing (the projector's parallel catch-up): no
   * writer thread, the file must exist with the current schema, and `append` fails.
   */
  readOnly?: boolean;
}

interface PendingAppend {
  streamId: string;
  /** Data and metadata serialised up front, so a bad payload fails its own append before the batch. */
  rows: WriteRow[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** A row as an array (better-sqlite3's raw mode: ~30% cheaper per row than an object with named columns). */
type EventRow = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];

const SCHEMA_VERSION = 1;
const COLUMNS = 'position, stream_id AS streamId, revision, id, type, data, metadata';
/** The same without the metadata (`dataPages`). */
type DataRow = [position: number, id: string, type: string, data: string];
const DATA_COLUMNS = 'position, id, type, data';
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
  /** The batch the writer is committing (one at a time: the next one gathers meanwhile). */
  private inFlight: PendingAppend[] | undefined;
  /** Undefined when opened read-only. */
  private readonly writer: Worker | undefined;
  /** Why the writer thread is gone, when it died (every later append fails with it). */
  private writerGone: Error | undefined;
  private readonly writerExited: Promise<void>;
  private drained: (() => void) | undefined;
  private committedTransactions = 0;
  private committedAppends = 0;
  private flushScheduled = false;
  /** No more appends (close() was called); reads go on until the queued appends are committed. */
  private closing = false;
  private closed = false;

  private readonly stmt: {
    head: Database.Statement<[], number>;
    streamForwards: Database.Statement<[string, number, number], EventRow>;
    streamBackwards: Database.Statement<[string, number, number], EventRow>;
    allForwards: Database.Statement<[number, number, number], EventRow>;
    allBackwards: Database.Statement<[number, number, number], EventRow>;
    dataForwards: Database.Statement<[number, number], DataRow>;
  };

  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.pollMs = options.pollMs ?? 50;
    this.pageSize = options.pageSize ?? 1000;
    const readOnly = options.readOnly === true;
    this.db = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000, readonly: readOnly, fileMustExist: readOnly });
    if (readOnly) this.assertSchema();
    else {
      // busy_timeout is set by the constructor option before these run, so a second process opening the
      // file while the first holds a lock waits instead of failing.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      // Savepoint sub-journals in memory rather than in temp files (they never need to be durable).
      this.db.pragma('temp_store = MEMORY');
      this.migrate();
    }

    this.stmt = {
      head: this.db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck(),
      streamForwards: this.db
        .prepare<[string, number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`)
        .raw(true),
      streamBackwards: this.db
        .prepare<[string, number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
        .raw(true),
      allForwards: this.db
        .prepare<[number, number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position ASC LIMIT ?`)
        .raw(true),
      allBackwards: this.db
        .prepare<[number, number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position DESC LIMIT ?`)
        .raw(true),
      dataForwards: this.db.prepare<[number, number], DataRow>(`SELECT ${DATA_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`).raw(true),
    };

    if (readOnly) {
      this.writer = undefined;
      this.writerGone = new Error(`event store ${file} is open read-only`);
      this.writerExited = Promise.resolve();
      return;
    }
    // The schema exists now (migrate above), so the writer can prepare its statements at once.
    const writerOptions: WriterOptions = { file, busyTimeoutMs: options.busyTimeoutMs ?? 10_000 };
    const writer = new Worker(WRITER_ENTRY, { workerData: writerOptions, execArgv: WRITER_EXEC_ARGV });
    this.writer = writer;
    // Idle, the writer keeps no process alive; with a batch in flight it does (see send).
    writer.unref();
    writer.on('message', (message: FromWriter) => this.onWriterMessage(message));
    writer.on('error', (error) => this.onWriterGone(new Error(`the event store's writer thread failed: ${error.message}`, { cause: error })));
    this.writerExited = new Promise((done) =>
      writer.once('exit', (code) => {
        this.onWriterGone(new Error(`the event store's writer thread exited (code ${code})`));
        done();
      }),
    );
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      if (this.closing) throw new Error('event store is closed');
      if (this.writerGone) throw this.writerGone;
      validateAppend(streamId, events, expected);
      const rows = events.map((e) => ({ id: e.id, type: e.type, data: toJson(e.data), metadata: toJson(e.metadata) }));
      this.queue.push({ streamId, rows, expected, resolve, reject });
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
      readDataPage: (after, limit) => (this.closed ? [] : this.readDataSync(after, limit)),
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

  async *readDataRange(options: DataRangeOptions): AsyncGenerator<readonly DataOnlyEvent[]> {
    this.assertOpen();
    const { until, types } = options;
    // Other types are left in the file: SQLite steps over their rows without handing their text to JS.
    const only = types === undefined ? '' : ` AND type IN (${types.map(() => '?').join(', ') || 'NULL'})`;
    const page = this.db
      .prepare<unknown[], DataRow>(`SELECT ${DATA_COLUMNS} FROM events WHERE position > ? AND position <= ?${only} ORDER BY position ASC LIMIT ?`)
      .raw(true);
    for (let after = options.after; after < until && !this.closed;) {
      const rows = page.all(after, until, ...(types ?? []), this.pageSize);
      if (rows.length === 0) return;
      yield rows.map(toDataOnly);
      after = rows[rows.length - 1]![0];
    }
  }

  locator(): EventStoreConfig {
    return { kind: 'sqlite', path: this.file, readOnly: true };
  }

  /** Group-commit counters since open (appends that were written or recognised as retries). */
  get stats(): { transactions: number; appends: number } {
    return { transactions: this.committedTransactions, appends: this.committedAppends };
  }

  /** Commits what is queued, ends every subscription, closes the file. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    // Appends already accepted were promised a commit: honour them before closing.
    if (this.inFlight || this.queue.length > 0) {
      await new Promise<void>((done) => {
        this.drained = done;
        this.flush();
      });
    }
    if (this.writer && !this.writerGone) {
      this.writer.ref();
      this.writer.postMessage({ kind: 'close' } satisfies ToWriter);
      await this.writerExited;
    }
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
    // A full page is a catch-up read (more follows): that reader is alone there, so it is not shared.
    return open && read.length < limit ? this.recent.remember(after, read) : read;
  }

  /** A forward page for `dataPages`: a catch-up page without its metadata (see readAllSync for the live window). */
  private readDataSync(after: number, limit: number): DataOnlyEvent[] {
    const cached = this.recent.read(after, limit);
    if (cached) return cached;
    const read = this.stmt.dataForwards.all(after, limit).map(toDataOnly);
    // A short page is the live window, whose events the other readers share: read it as they do.
    return read.length < limit ? this.readAllSync({ after, maxCount: limit }) : read;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate, not queueMicrotask: it runs after every continuation already queued has had its
    // turn, so appenders that were just woken by the previous commit make it into this batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends the queued appends to the writer, unless a batch is still being committed (they go next). */
  private flush(): void {
    if (this.inFlight || this.writerGone || !this.writer) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) {
      this.drained?.();
      return;
    }
    this.inFlight = batch;
    // A commit on its way keeps the process alive, as a synchronous commit would have.
    this.writer.ref();
    this.writer.postMessage({ kind: 'batch', appends: batch.map(({ streamId, expected, rows }) => ({ streamId, expected, rows })) } satisfies ToWriter);
  }

  private onWriterMessage(message: FromWriter): void {
    if (message.kind !== 'committed' && message.kind !== 'failed') return;
    const batch = this.inFlight ?? [];
    this.inFlight = undefined;
    this.writer?.unref();
    if (message.kind === 'failed') {
      // BEGIN timed out behind another process, or COMMIT failed: nothing of this batch is stored.
      for (const append of batch) append.reject(toError(message.error));
    } else {
      // Resolve only now: COMMIT has returned in the writer, so the events are on disk.
      this.committedTransactions++;
      this.committedAppends += message.outcomes.filter((o) => o.ok).length;
      if (message.outcomes.some((o) => o.ok)) this.signal.notify();
      message.outcomes.forEach((outcome, i) => {
        const append = batch[i]!;
        if (outcome.ok) append.resolve(outcome.result);
        else append.reject(toError(outcome.error));
      });
    }
    if (this.queue.length > 0) this.scheduleFlush();
    else this.drained?.();
  }

  private onWriterGone(error: Error): void {
    if (this.writerGone) return;
    this.writerGone = error;
    // Whether the in-flight batch committed is unknown: its appenders must re-read (as after a crash).
    for (const append of [...(this.inFlight ?? []), ...this.queue.splice(0)]) append.reject(error);
    this.inFlight = undefined;
    this.drained?.();
  }

  /** Read-only: the file must already hold this code's schema (a writer creates and migrates it). */
  private assertSchema(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      throw new Error(`${this.file}: event store schema ${version} is not the one this code reads (${SCHEMA_VERSION})`);
    }
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

/**
 * The writer thread's entry: the compiled .js next to this file in a build, the TypeScript source (with the
 * same hook that runs this file) when the sources run directly (benchmarks, tests, `npm run audit`).
 */
const WRITER_ENTRY = path.join(__dirname, `sqlite-writer.worker${path.extname(__filename)}`);
const WRITER_EXEC_ARGV = path.extname(__filename) === '.ts' ? ['-r', path.join(__dirname, '..', '..', '..', 'scripts', 'register-ts.cjs')] : [];

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

/**
 * An event type read from the file as the one internalized string the code's literals are: every reader
 * compares `type` with literals (each projection's `switch`, the projector's handler table), and two
 * internalized strings compare by pointer where a string fresh from a row is compared character by character.
 */
function typeName(read: string): string {
  let name = typeNames.get(read);
  if (name === undefined) {
    // A property name is always internalized: the key of a one-property object is the string table's copy.
    name = Object.keys({ [read]: true })[0]!;
    if (typeNames.size < 10_000) typeNames.set(name, name);
  }
  return name;
}
const typeNames = new Map<string, string>();

function toDataOnly(row: DataRow): DataOnlyEvent {
  return { id: row[1], type: typeName(row[2]), position: row[0], data: JSON.parse(row[3]) as unknown };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row[3],
    type: typeName(row[4]),
    streamId: row[1],
    revision: row[2],
    position: row[0],
    data: JSON.parse(row[5]) as unknown,
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
  };
}
