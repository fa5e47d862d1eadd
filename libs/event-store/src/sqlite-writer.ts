/**
 * The write side of the sqlite event store: one connection that runs group commits. It lives in a
 * worker thread (sqlite-writer.worker.ts) so that a COMMIT's fsync — synchronous in better-sqlite3 —
 * no longer stops the server's event loop; the store (sqlite.ts) sends it batches and resolves each
 * append with its outcome only once the COMMIT holding it has returned.
 *
 * Everything crossing the thread boundary is plain data: requests carry the rows already serialised, and
 * the two refusals callers act on (a wrong expected revision, an id stored elsewhere) travel as data and
 * are rebuilt as the same error classes on the other side (`toError`).
 */
import Database from 'better-sqlite3';
import { decideAppend } from './append-rules';
import { type AppendResult, DuplicateEventIdError, type ExistingEventLocation, type ExpectedRevision, WrongExpectedRevisionError } from './port';

export interface WriteRow {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export interface WriteRequest {
  streamId: string;
  expected: ExpectedRevision;
  rows: WriteRow[];
}

export type WriteError =
  | { kind: 'revision'; streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' }
  | { kind: 'duplicate'; streamId: string; existing: ExistingEventLocation[] }
  | { kind: 'other'; name: string; message: string; code?: string };

export type WriteOutcome = { ok: true; result: AppendResult } | { ok: false; error: WriteError };

export type ToWriter = { kind: 'batch'; appends: WriteRequest[] } | { kind: 'close' };
export type FromWriter = { kind: 'ready' } | { kind: 'committed'; outcomes: WriteOutcome[] } | { kind: 'failed'; error: WriteError } | { kind: 'closed' };

export interface WriterOptions {
  file: string;
  busyTimeoutMs: number;
}

export function fromError(error: unknown): WriteError {
  if (error instanceof WrongExpectedRevisionError) return { kind: 'revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate', streamId: error.streamId, existing: [...error.existing] };
  if (error instanceof Error) return { kind: 'other', name: error.name, message: error.message, ...codeOf(error) };
  return { kind: 'other', name: 'Error', message: String(error) };
}

export function toError(error: WriteError): Error {
  if (error.kind === 'revision') return new WrongExpectedRevisionError(error.streamId, error.expected, error.actual);
  if (error.kind === 'duplicate') return new DuplicateEventIdError(error.streamId, error.existing);
  return Object.assign(new Error(error.message), { name: error.name }, error.code === undefined ? {} : { code: error.code });
}

function codeOf(error: Error): { code?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code } : {};
}

/**
 * Runs batches in ONE `BEGIN IMMEDIATE … COMMIT` each (one fsync for the lot). Each append is checked
 * against the revisions as they are inside that transaction (including the appends before it in the same
 * batch) before it writes anything, and a multi-event append writes inside its own SAVEPOINT, so a
 * conflicting or failing append fails alone and the others still commit.
 */
export class SqliteWriter {
  private readonly db: Database.Database;
  private readonly flushBatch: Database.Transaction<(batch: WriteRequest[]) => WriteOutcome[]>;

  constructor(options: WriterOptions) {
    this.db = new Database(options.file, { timeout: options.busyTimeoutMs });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Savepoint sub-journals in memory rather than in temp files (they never need to be durable).
    this.db.pragma('temp_store = MEMORY');
    const lastRevision = this.db.prepare<[string], number | null>('SELECT max(revision) FROM events WHERE stream_id = ?').pluck();
    const locate = this.db.prepare<[string], ExistingEventLocation>('SELECT id, stream_id AS streamId, revision, position FROM events WHERE id = ?');
    const insert = this.db.prepare<[string, number, string, string, string, string]>(
      'INSERT INTO events (stream_id, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );

    const apply = (append: WriteRequest): AppendResult => {
      const last = lastRevision.get(append.streamId);
      const existing = append.rows.map((r) => locate.get(r.id));
      const verdict = decideAppend(append.streamId, append.rows, append.expected, last ?? undefined, existing);
      if (verdict.kind === 'retry') return verdict.result;
      let position = 0;
      append.rows.forEach((r, i) => {
        const info = insert.run(append.streamId, verdict.firstRevision + i, r.id, r.type, r.data, r.metadata);
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
    const applyOne = (append: WriteRequest): AppendResult => (append.rows.length === 1 ? apply(append) : applyInSavepoint(append));

    this.flushBatch = this.db.transaction((batch: WriteRequest[]): WriteOutcome[] =>
      batch.map((append): WriteOutcome => {
        try {
          return { ok: true, result: applyOne(append) };
        } catch (error) {
          // Nothing of this append is left (see applyOne) and the batch goes on. If SQLite itself aborted the
          // whole transaction (I/O error, disk full), there is nothing left to go on with: fail the batch.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error: fromError(error) };
        }
      }),
    );
  }

  /** One batch, one transaction; throws when the transaction as a whole failed (nothing of it is stored). */
  commit(batch: WriteRequest[]): WriteOutcome[] {
    // BEGIN IMMEDIATE: take the write lock before the first read, so the revisions checked are the ones
    // this transaction commits on top of (see sqlite.ts's header comment).
    return this.flushBatch.immediate(batch);
  }

  close(): void {
    this.db.close();
  }
}
